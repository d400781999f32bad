package io.strata.masking.profiling;

/** What a finding rests on. */
public enum FoundBy {

    /** The column's name only: its sampled values do not (or not often enough) look like the kind. */
    COLUMN_NAME,
    /** The sampled values only: the name says nothing. */
    DATA,
    /** The name, and the values agree. */
    BOTH
}
