package io.strata.catalog.templates;

import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * {@code POST /api/v1/templates}.
 *
 * @param name a unique name
 * @param datasets the sources and masked datasets (ids or names) a data pod of this template gets one virtual database
 *        of each
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CreateTemplate(
        @NotNull(message = NAME) @Pattern(regexp = "[a-z0-9][a-z0-9_-]{0,62}", message = NAME) String name,
        @NotEmpty(message = "is required: the ids or names of the sources and masked datasets provisioned together") @Size(max = 50, message = "holds at most 50 datasets") List<@NotBlank(message = "must be a dataset's id or name (GET /api/v1/catalog/datasets)") String> datasets) {

    /** What a request without a body is told. */
    public static final String REQUIRED = "is required: send a JSON body {name, datasets: [id or name, ...]}";

    private static final String NAME = "is required: 1 to 63 lower-case letters, digits, '_' or '-'";
}
