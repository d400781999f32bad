package io.strata.masking.job;

import java.util.Map;

/**
 * What a masking operation's steps gather.
 *
 * @param vdbId the virtual database masked
 * @param report the report of the masking, once it is done
 */
public record MaskingWork(String vdbId, Map<String, Object> report) {
}
