package io.strata.common.testapp;

import java.time.Duration;

import io.strata.common.operations.StepKind;
import io.strata.contracts.events.Reply;

/**
 * Test steps: ask the copier (a reply ends it, within a second), or ask three copiers at once (each answers a part,
 * within a minute), then copy on a worker.
 */
public enum CopyStep implements StepKind {

    ASK(CopyAnswered.class), GATHER(CopyAnswered.class), COPY(null);

    private final Class<? extends Reply> awaits;

    CopyStep(Class<? extends Reply> awaits) {
        this.awaits = awaits;
    }

    @Override
    public Class<? extends Reply> awaits() {
        return awaits;
    }

    @Override
    public Duration timeout() {
        return awaits == null ? null : this == GATHER ? Duration.ofMinutes(1) : Duration.ofSeconds(1);
    }
}
