package io.strata.cli;

/**
 * The exit codes of {@code strata}: 0 only on success, one code per kind of failure so that a script can tell them
 * apart (docs/cli.md lists them).
 */
public final class ExitCode {

    /** Done. */
    public static final int OK = 0;
    /** Any other failure: a file the CLI cannot write, or a fault of the CLI itself (the message names it). */
    public static final int INTERNAL = 1;
    /** Bad input: a usage error on the command line, or a 400/422 from the server. */
    public static final int BAD_INPUT = 2;
    /** Not signed in, a token refused (401) or a role missing (403). */
    public static final int NOT_ALLOWED = 3;
    /** The resource named does not exist (404). */
    public static final int NOT_FOUND = 4;
    /** The request conflicts with the resource's current state (409): another operation runs, a name is taken. */
    public static final int CONFLICT = 5;
    /** The job followed with {@code --wait} ended FAILED or CANCELED. */
    public static final int JOB_FAILED = 6;
    /** The server failed (5xx, 429) or could not be reached. */
    public static final int UNAVAILABLE = 7;

    private ExitCode() {
    }

    /** The exit code for an HTTP status that is not a success. */
    public static int ofStatus(int status) {
        return switch (status) {
            case 400, 405, 415, 422 -> BAD_INPUT;
            case 401, 403 -> NOT_ALLOWED;
            case 404 -> NOT_FOUND;
            case 409 -> CONFLICT;
            default -> UNAVAILABLE;
        };
    }
}
