package io.strata.masking.subset;

/**
 * A subset request that cannot run as written: the field at fault ({@code roots[0].table},
 * {@code virtualKeys[1].references.columns}, {@code connection}) and what to change.
 */
public class SubsetError extends RuntimeException {

    private final String field;

    /**
     * @param field the field at fault
     * @param message what is wrong and how to fix it
     */
    public SubsetError(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The field at fault. */
    public String field() {
        return field;
    }
}
