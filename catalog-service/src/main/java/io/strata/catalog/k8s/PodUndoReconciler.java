package io.strata.catalog.k8s;

import java.util.UUID;

import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.strata.kubernetes.v1alpha1.ActionStatus;
import io.strata.kubernetes.v1alpha1.PodActionSpec;
import io.strata.kubernetes.v1alpha1.PodUndo;

/** Runs a {@link PodUndo} once, as {@code POST /api/v1/datapods/{id}/undo}. */
@ControllerConfiguration(name = "podundo")
public class PodUndoReconciler extends PodActionReconciler<PodActionSpec, PodUndo> {

    @Override
    protected UUID start(String podId, PodActionSpec spec, ActionStatus status) {
        return pods.undo(podId).job().id;
    }

    @Override
    protected String verb() {
        return "undo";
    }
}
