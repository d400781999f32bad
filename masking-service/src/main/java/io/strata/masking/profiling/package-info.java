/**
 * Profiling: finding the columns of a database that hold sensitive data, from their names and from a sample of their
 * values, and suggesting a masking rule for each. {@link io.strata.masking.profiling.ColumnProfiler} judges one column
 * (pure: a column and its sampled values in, a finding out); {@link io.strata.masking.profiling.DatabaseProfiler}
 * samples every table of a PostgreSQL database in a read-only transaction and gathers the
 * {@link io.strata.masking.profiling.Inventory}.
 */
package io.strata.masking.profiling;
