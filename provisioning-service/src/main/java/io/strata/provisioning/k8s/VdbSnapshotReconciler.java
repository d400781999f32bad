package io.strata.provisioning.k8s;

import java.util.UUID;

import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.strata.common.util.Ids;
import io.strata.kubernetes.v1alpha1.ActionStatus;
import io.strata.kubernetes.v1alpha1.VdbSnapshot;
import io.strata.kubernetes.v1alpha1.VdbTargetSpec;

/**
 * Runs a {@link VdbSnapshot} once, as {@code POST /api/v1/vdbs/{id}/snapshot}; the snapshot's id is chosen here, so
 * the status names it as soon as the job starts.
 */
@ControllerConfiguration(name = "vdbsnapshot")
public class VdbSnapshotReconciler extends VdbActionReconciler<VdbTargetSpec, VdbSnapshot> {

    @Override
    protected UUID start(String vdbId, VdbTargetSpec spec, ActionStatus status) {
        String snapshotId = Ids.next("snap");
        UUID job = vdbs.snapshot(vdbId, snapshotId).id;
        status.setSnapshot(snapshotId);
        return job;
    }

    @Override
    protected String verb() {
        return "snapshot";
    }
}
