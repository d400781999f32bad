package io.strata.engine;

/** Where a long plugin operation reports progress; it becomes the job's percent and step. */
@FunctionalInterface
public interface ProgressListener {

    /** Reports progress (0–100 of this operation) and what happens now. */
    void progress(int percent, String step);

    /** A listener that ignores everything. */
    static ProgressListener none() {
        return (percent, step) -> {
        };
    }
}
