package io.strata.catalog.datapods;

import static io.strata.catalog.datapods.DataPodStep.CREATE_VDB;
import static io.strata.catalog.datapods.DataPodStep.DELETE_VDB;
import static io.strata.catalog.datapods.DataPodStep.MARK;
import static io.strata.catalog.datapods.DataPodStep.MOVE;
import static io.strata.catalog.datapods.DataPodStep.POWER;
import static io.strata.catalog.datapods.DataPodStep.SAVE;
import static io.strata.catalog.datapods.DataPodStep.SNAPSHOT;

import java.util.List;

import io.strata.common.operations.OperationKind;

/** A data pod's long operations and their steps. */
public enum DataPodOperation implements OperationKind<DataPodStep> {

    /** Every virtual database made from the template's consistent point. */
    CREATE("datapod.create", CREATE_VDB),
    /** Every virtual database snapshotted; then the bookmark holds the snapshots. */
    BOOKMARK("datapod.bookmark", SNAPSHOT),
    /** Every virtual database saved, then put on a bookmark of the pod. */
    RESTORE("datapod.restore", SAVE, MOVE),
    /**
     * Every virtual database saved, then recovered to one moment of the pod's timeline (its own log replayed), then
     * snapshotted there: a reset comes back to that moment's data.
     */
    RECOVER("datapod.recover", SAVE, MOVE, MARK),
    /** Every virtual database saved, then put back where the last bookmark, restore or refresh left it. */
    RESET("datapod.reset", SAVE, MOVE),
    /** Every virtual database saved, then put back on what the last refresh, restore, reset or undo replaced. */
    UNDO("datapod.undo", SAVE, MOVE),
    /** Every virtual database saved (as the newest state of the branch it leaves), then put on another branch's. */
    ACTIVATE("datapod.activate", SAVE, MOVE),
    /** Every virtual database saved, then refreshed to the template's newest consistent point. */
    REFRESH("datapod.refresh", SAVE, MOVE),
    /** Every virtual database's engine stopped cleanly; the pod keeps its data and ports. */
    STOP("datapod.stop", POWER),
    /** Every virtual database's engine started again. */
    START("datapod.start", POWER),
    /** Every virtual database deleted; then the pod is gone. */
    DELETE("datapod.delete", DELETE_VDB);

    private final String jobKind;
    private final List<DataPodStep> steps;

    DataPodOperation(String jobKind, DataPodStep... steps) {
        this.jobKind = jobKind;
        this.steps = List.of(steps);
    }

    @Override
    public String jobKind() {
        return jobKind;
    }

    @Override
    public List<DataPodStep> steps() {
        return steps;
    }
}
