package io.strata.masking.profiling.job;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * {@code POST /api/v1/profiling-jobs}: find the sensitive columns of a dataset.
 *
 * @param dataset the id or name of a running PostgreSQL virtual database; a source is profiled through a virtual
 *        database provisioned from it, never directly
 * @param sampleRows the most rows to sample per table, default {@code strata.masking.profile-sample-rows}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ProfilingJobRequest(
        @NotBlank(message = "is required: the id or name of a running virtual database (GET /api/v1/vdbs)") String dataset,
        @Min(value = 10, message = SAMPLE_ROWS) @Max(value = 100_000, message = SAMPLE_ROWS) Integer sampleRows) {

    /** What a request without a body is told. */
    public static final String REQUIRED = "is required: send a JSON body {dataset}";

    private static final String SAMPLE_ROWS = "must be a whole number from 10 to 100000: the most rows sampled per "
            + "table";
}
