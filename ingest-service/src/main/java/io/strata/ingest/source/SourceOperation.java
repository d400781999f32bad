package io.strata.ingest.source;

import static io.strata.ingest.source.SourceStep.ATTACH;
import static io.strata.ingest.source.SourceStep.SNAPSHOT;
import static io.strata.ingest.source.SourceStep.START_STAGING;
import static io.strata.ingest.source.SourceStep.STOP_STAGING;
import static io.strata.ingest.source.SourceStep.TEARDOWN;
import static io.strata.ingest.source.SourceStep.VOLUME;
import static io.strata.ingest.source.SourceStep.WORK;

import java.util.List;

import io.strata.common.operations.OperationKind;

/** A source's long operations and their steps. */
public enum SourceOperation implements OperationKind<SourceStep> {

    /** The initial load into a new volume, then the first snapshot. */
    LINK("source.link", VOLUME, ATTACH, WORK, SNAPSHOT),
    /** A snapshot of the staging copy at a consistent point. */
    SYNC("source.sync", WORK, SNAPSHOT),
    /** A fresh initial load into a new volume that replaces the old one; older snapshots stay. */
    RESYNC("source.resync", VOLUME, ATTACH, WORK, SNAPSHOT),
    /** The staging copy stopped; syncs are refused until it is enabled again. */
    DISABLE("source.disable", STOP_STAGING),
    /** The staging copy started again. */
    ENABLE("source.enable", START_STAGING),
    /** Staging stopped, what linking left on the source removed, storage given back. */
    DELETE("source.delete", TEARDOWN);

    private final String jobKind;
    private final List<SourceStep> steps;

    SourceOperation(String jobKind, SourceStep... steps) {
        this.jobKind = jobKind;
        this.steps = List.of(steps);
    }

    @Override
    public String jobKind() {
        return jobKind;
    }

    @Override
    public List<SourceStep> steps() {
        return steps;
    }
}
