package io.strata.catalog.k8s;

import java.time.Instant;
import java.util.UUID;

import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.strata.catalog.datapods.DataPodViews.RestoreDataPod;
import io.strata.common.errors.ApiException;
import io.strata.kubernetes.v1alpha1.ActionStatus;
import io.strata.kubernetes.v1alpha1.PodRestore;
import io.strata.kubernetes.v1alpha1.PodRestoreSpec;
import io.strata.operator.Specs;

/** Runs a {@link PodRestore} once, as {@code POST /api/v1/datapods/{id}/restore}. */
@ControllerConfiguration(name = "podrestore")
public class PodRestoreReconciler extends PodActionReconciler<PodRestoreSpec, PodRestore> {

    @Override
    protected UUID start(String podId, PodRestoreSpec spec, ActionStatus status) {
        Instant timestamp = Specs.instant(spec.getTimestamp(), "timestamp");
        if (spec.getBookmark() == null && timestamp == null) {
            throw ApiException.badRequest("bookmark", "A restore needs spec.bookmark or spec.timestamp.");
        }
        return pods.restore(podId, new RestoreDataPod(spec.getBookmark(), timestamp)).job().id;
    }

    @Override
    protected String verb() {
        return "restore";
    }
}
