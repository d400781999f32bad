package io.strata.common.errors;

/** Small helpers for turning exceptions into one line a person can read. */
public final class Errors {

    private Errors() {
    }

    /** The innermost cause. */
    public static Throwable rootCause(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** The innermost cause's message on one line, or its class name when it has none. */
    public static String rootMessage(Throwable error) {
        Throwable cause = rootCause(error);
        String message = cause.getMessage();
        return message == null || message.isBlank()
                ? cause.getClass().getSimpleName()
                : message.replaceAll("\\s+", " ").trim();
    }
}
