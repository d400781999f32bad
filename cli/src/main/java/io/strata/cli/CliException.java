package io.strata.cli;

/** A failure to report as one line on standard error, with the exit code it ends the command with. */
public class CliException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int exitCode;

    /** A failure with its exit code (see {@link ExitCode}) and a message that says what to do. */
    public CliException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    /** A usage error: something the command line says that cannot be sent. */
    public static CliException badInput(String message) {
        return new CliException(ExitCode.BAD_INPUT, message);
    }

    /** The exit code it ends the command with. */
    public int exitCode() {
        return exitCode;
    }
}
