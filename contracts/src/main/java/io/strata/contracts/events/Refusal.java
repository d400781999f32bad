package io.strata.contracts.events;

/** A {@link Reply} saying the command could not be done; the operation waiting for it fails with the reason. */
public interface Refusal extends Reply {

    /** What went wrong and what to do about it. */
    String reason();
}
