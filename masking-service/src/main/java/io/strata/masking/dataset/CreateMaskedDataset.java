package io.strata.masking.dataset;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.strata.masking.subset.SubsetRequest;

/**
 * {@code POST /api/v1/masked-datasets}.
 *
 * @param name a unique name
 * @param source the id of the source whose snapshots are masked (GET /api/v1/sources)
 * @param ruleset the ruleset's id or name
 * @param resetUsers whether every login role gets a new password, kept in the secret store (default true)
 * @param disableRoles production roles that must not log in to any copy: they lose their password and LOGIN
 * @param subset a subset to make before masking ({@code roots}, {@code virtualKeys} ...), the whole database when
 *        absent
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CreateMaskedDataset(
        @NotNull(message = NAME) @Pattern(regexp = "[a-z0-9][a-z0-9_-]{0,62}", message = NAME) String name,
        @NotBlank(message = "is required: the id of a linked source (GET /api/v1/sources)") String source,
        @NotBlank(message = "is required: the id or name of a ruleset (GET /api/v1/rulesets)") String ruleset,
        Boolean resetUsers,
        @Size(max = 1000, message = "holds at most 1000 roles") List<@NotNull(message = ROLE) @Pattern(regexp = "[^\"\\x00]{1,63}", message = ROLE) String> disableRoles,
        @Valid SubsetRequest subset) {

    /** What a request without a body is told. */
    public static final String REQUIRED = "is required: send a JSON body {name, source, ruleset, resetUsers, subset}";

    private static final String ROLE = "must be a role name (1 to 63 characters)";

    private static final String NAME = "is required: 1 to 63 lower-case letters, digits, '_' or '-'";

    /** The roles to disable, none when absent. */
    public List<String> rolesToDisable() {
        return disableRoles == null ? List.of() : List.copyOf(disableRoles);
    }

    /** Whether users are reset: unless asked not to. */
    public boolean resetsUsers() {
        return resetUsers == null || resetUsers;
    }
}
