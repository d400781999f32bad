package io.strata.catalog.k8s;

import java.util.UUID;

import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.strata.kubernetes.v1alpha1.ActionStatus;
import io.strata.kubernetes.v1alpha1.PodActionSpec;
import io.strata.kubernetes.v1alpha1.PodRefresh;

/** Runs a {@link PodRefresh} once, as {@code POST /api/v1/datapods/{id}/refresh}. */
@ControllerConfiguration(name = "podrefresh")
public class PodRefreshReconciler extends PodActionReconciler<PodActionSpec, PodRefresh> {

    @Override
    protected UUID start(String podId, PodActionSpec spec, ActionStatus status) {
        return pods.refresh(podId).job().id;
    }

    @Override
    protected String verb() {
        return "refresh";
    }
}
