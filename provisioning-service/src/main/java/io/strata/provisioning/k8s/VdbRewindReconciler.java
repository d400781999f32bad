package io.strata.provisioning.k8s;

import java.time.Instant;
import java.util.UUID;

import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.strata.common.errors.ApiException;
import io.strata.kubernetes.v1alpha1.ActionStatus;
import io.strata.kubernetes.v1alpha1.VdbRewind;
import io.strata.kubernetes.v1alpha1.VdbRewindSpec;
import io.strata.operator.Specs;
import io.strata.provisioning.vdb.PointRequest;

/** Runs a {@link VdbRewind} once, as {@code POST /api/v1/vdbs/{id}/rewind}. */
@ControllerConfiguration(name = "vdbrewind")
public class VdbRewindReconciler extends VdbActionReconciler<VdbRewindSpec, VdbRewind> {

    @Override
    protected UUID start(String vdbId, VdbRewindSpec spec, ActionStatus status) {
        Instant timestamp = Specs.instant(spec.getTimestamp(), "timestamp");
        if (spec.getSnapshot() == null && spec.getBookmark() == null && timestamp == null) {
            throw ApiException.badRequest("snapshot", "A rewind needs spec.snapshot, spec.bookmark or "
                    + "spec.timestamp.");
        }
        return vdbs.rewind(vdbId, new PointRequest(spec.getSnapshot(), spec.getBookmark(), timestamp)).id;
    }

    @Override
    protected String verb() {
        return "rewind";
    }
}
