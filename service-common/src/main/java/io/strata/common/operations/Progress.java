package io.strata.common.operations;

/** Where a worker step reports how far it is; the job shows it. */
@FunctionalInterface
public interface Progress {

    /** Records progress (0–100, never going back) and what happens now. */
    void report(int percent, String what);
}
