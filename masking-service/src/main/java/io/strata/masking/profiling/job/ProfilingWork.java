package io.strata.masking.profiling.job;

import io.strata.masking.profiling.Inventory;

/**
 * What a profiling operation's steps gather.
 *
 * @param vdbId the virtual database profiled
 * @param inventory what profiling found, once it is done
 */
public record ProfilingWork(String vdbId, Inventory inventory) {
}
