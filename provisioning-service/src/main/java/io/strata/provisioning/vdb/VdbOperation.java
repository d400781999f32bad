package io.strata.provisioning.vdb;

import static io.strata.provisioning.vdb.VdbStep.ATTACH;
import static io.strata.provisioning.vdb.VdbStep.CLONE;
import static io.strata.provisioning.vdb.VdbStep.CONFIGURE;
import static io.strata.provisioning.vdb.VdbStep.FLUSH;
import static io.strata.provisioning.vdb.VdbStep.PREPARE;
import static io.strata.provisioning.vdb.VdbStep.REMOVE;
import static io.strata.provisioning.vdb.VdbStep.SNAPSHOT;
import static io.strata.provisioning.vdb.VdbStep.START_ENGINE;
import static io.strata.provisioning.vdb.VdbStep.STOP_ENGINE;

import java.util.List;
import java.util.Locale;

import io.strata.common.operations.OperationKind;

/** A virtual database's long operations and their steps. */
public enum VdbOperation implements OperationKind<VdbStep> {

    /** A clone of a snapshot, mounted on the target, with an engine started on it. */
    PROVISION("vdb.provision", CLONE, ATTACH, CONFIGURE),
    /** A new clone of the parent's data replaces the current one. */
    REFRESH("vdb.refresh", PREPARE, CLONE, ATTACH, CONFIGURE),
    /** A new clone of one of its own earlier points replaces the current one. */
    REWIND("vdb.rewind", PREPARE, CLONE, ATTACH, CONFIGURE),
    /** A snapshot of the clone onto its own timeline. */
    SNAPSHOT("vdb.snapshot", FLUSH, VdbStep.SNAPSHOT),
    /** The engine started. */
    START("vdb.start", START_ENGINE),
    /** The engine stopped. */
    STOP("vdb.stop", STOP_ENGINE),
    /** The engine stopped, the clone and unused snapshots given back. */
    DELETE("vdb.delete", REMOVE);

    private final String jobKind;
    private final List<VdbStep> steps;

    VdbOperation(String jobKind, VdbStep... steps) {
        this.jobKind = jobKind;
        this.steps = List.of(steps);
    }

    @Override
    public String jobKind() {
        return jobKind;
    }

    @Override
    public List<VdbStep> steps() {
        return steps;
    }

    /** The name its hooks carry: {@code preRefresh}, {@code postRefresh}... */
    String hookSuffix() {
        return name().charAt(0) + name().substring(1).toLowerCase(Locale.ROOT);
    }
}
