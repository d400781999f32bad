package io.strata.catalog.datapods;

import io.strata.common.operations.StepKind;
import io.strata.contracts.events.Reply;
import io.strata.contracts.provisioning.PodVdbDone;

/**
 * The steps of a data pod's operations; each sends its command to every virtual database of the pod at once and
 * waits for all of the provisioning service's answers.
 */
public enum DataPodStep implements StepKind {

    /** A virtual database of the pod is made from its snapshot of the consistent point. */
    CREATE_VDB,
    /** A virtual database is snapshotted, for a bookmark. */
    SNAPSHOT,
    /** A virtual database is snapshotted before it moves, so that an undo can bring back what it had. */
    SAVE,
    /** A virtual database is put on the data of its snapshot of the target point. */
    MOVE,
    /** A virtual database recovered to a moment is snapshotted: a reset comes back to that data. */
    MARK,
    /** A virtual database of the pod is deleted. */
    DELETE_VDB,
    /** A virtual database's engine is stopped or started. */
    POWER;

    @Override
    public Class<? extends Reply> awaits() {
        return PodVdbDone.class;
    }
}
