package io.strata.catalog.k8s;

import java.util.UUID;

import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.strata.kubernetes.v1alpha1.ActionStatus;
import io.strata.kubernetes.v1alpha1.PodActionSpec;
import io.strata.kubernetes.v1alpha1.PodReset;

/** Runs a {@link PodReset} once, as {@code POST /api/v1/datapods/{id}/reset}. */
@ControllerConfiguration(name = "podreset")
public class PodResetReconciler extends PodActionReconciler<PodActionSpec, PodReset> {

    @Override
    protected UUID start(String podId, PodActionSpec spec, ActionStatus status) {
        return pods.reset(podId).job().id;
    }

    @Override
    protected String verb() {
        return "reset";
    }
}
