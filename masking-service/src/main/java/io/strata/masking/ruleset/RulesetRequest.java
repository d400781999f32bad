package io.strata.masking.ruleset;

import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.strata.masking.algorithms.MaskingRule;

/**
 * {@code POST /api/v1/rulesets} and {@code PUT /api/v1/rulesets/{id}}.
 *
 * @param name a unique name
 * @param rules the rules, at most one per column
 * @param publicText columns ({@code table.column}) whose text is public, such as titles or product names: the leak
 *        check does not look for masked values inside their text (a customer surnamed Wagner and a composer of that
 *        name). Their own values are still checked when a rule masks them.
 * @param keys key versions to mask with, by domain ({@code {"names": "names-v1"}}): after a rotation, copies masked
 *        with a pinned domain still agree with those masked before it. Other domains use their current key.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RulesetRequest(
        @NotNull(message = NAME) @Pattern(regexp = "[a-z0-9][a-z0-9_-]{0,62}", message = NAME) String name,
        @NotEmpty(message = "is required: a list of {table, column, algorithm, params}") @Size(max = 5000, message = "holds at most 5000 rules") List<@NotNull(message = "must be an object {table, column, "
                + "algorithm, params}") @Valid Rule> rules,
        @Size(max = 5000, message = "holds at most 5000 columns") List<@NotNull(message = "must be table.column") @Pattern(regexp = "[^.\\s]+(\\.[^.\\s]+){1,2}", message = "must be table.column or schema.table.column") String> publicText,
        @Size(max = 1000, message = "pins at most 1000 domains") Map<String, String> keys) {

    /** The public-text columns, none when absent. */
    public List<String> publicTextOrNone() {
        return publicText == null ? List.of() : publicText;
    }

    /** What a request without a body is told. */
    public static final String REQUIRED = "is required: send a JSON body {name, rules: [{table, column, algorithm, "
            + "params}]}";

    private static final String NAME = "is required: 1 to 63 lower-case letters, digits, '_' or '-'";

    /**
     * One rule.
     *
     * @param table the table ({@code schema.table} outside {@code public})
     * @param column the column
     * @param algorithm the algorithm (GET /api/v1/algorithms)
     * @param params the algorithm's parameters
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Rule(
            @NotBlank(message = "is required: the table's name") String table,
            @NotBlank(message = "is required: the column's name") String column,
            @NotBlank(message = "is required: GET /api/v1/algorithms lists them") String algorithm,
            Map<String, Object> params) {

        MaskingRule toRule() {
            return new MaskingRule(table.strip(), column.strip(), algorithm.strip(), params == null
                    ? Map.of()
                    : params);
        }
    }
}
