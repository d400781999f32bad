package io.strata.masking.job;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.strata.masking.subset.SubsetRequest;

/**
 * {@code POST /api/v1/masking-jobs}: mask one virtual database in place, or only subset it.
 *
 * @param vdb the virtual database's id or name
 * @param ruleset the ruleset's id or name; without one the job only subsets (a subset is then required)
 * @param subset a subset to make in place before masking ({@code roots}, {@code virtualKeys} ...), none when absent
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MaskingJobRequest(
        @NotBlank(message = "is required: the id or name of a running virtual database (GET /api/v1/vdbs)") String vdb,
        String ruleset,
        @Valid SubsetRequest subset) {

    /** What a request without a body is told. */
    public static final String REQUIRED = "is required: send a JSON body {vdb, ruleset, subset} (a ruleset, a subset "
            + "or both)";
}
