package io.strata.masking.algorithms;

/**
 * A rule that cannot be applied as written: the field at fault (relative to the rule: {@code algorithm},
 * {@code params.dictionary}, {@code column}) and what to change.
 */
public class RuleError extends RuntimeException {

    private final String field;

    /**
     * @param field the field at fault
     * @param message what is wrong and how to fix it
     */
    public RuleError(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The field at fault. */
    public String field() {
        return field;
    }
}
