package io.strata.engine;

/**
 * An error the user can fix, in the shape of the Delphix plugin SDK's {@code UserError}: what went wrong, what to do
 * about it, and the output of the command that failed (if any). The services show all three in the failed job.
 */
public class UserError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String action;
    private final String output;

    public UserError(String message, String action, String output) {
        super(message);
        this.action = action;
        this.output = output;
    }

    public UserError(String message, String action) {
        this(message, action, null);
    }

    /** What the user should do. */
    public String action() {
        return action;
    }

    /** The failing command's output, or {@code null}. */
    public String output() {
        return output;
    }

    /** Message, action and output as one text for a job's error. */
    public String describe() {
        StringBuilder text = new StringBuilder(getMessage());
        if (action != null && !action.isBlank()) {
            text.append(' ').append(action);
        }
        if (output != null && !output.isBlank()) {
            String trimmed = output.strip();
            text.append(" Output: ").append(trimmed.length() > 2000
                    ? trimmed.substring(trimmed.length() - 2000)
                    : trimmed);
        }
        return text.toString();
    }
}
