package io.strata.common.process;

import java.util.List;

/**
 * A command failed or timed out. Carries the command, its exit code and its output, in the shape of the Delphix
 * plugin SDK's {@code UserError(message, action, output)} once a caller adds what to do about it.
 */
public class CommandException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final List<String> command;
    private final int exitCode;
    private final String output;

    public CommandException(List<String> command, int exitCode, String output, String message) {
        super(message);
        this.command = List.copyOf(command);
        this.exitCode = exitCode;
        this.output = output;
    }

    public List<String> command() {
        return command;
    }

    /** The exit code, or -1 when the command timed out or could not start. */
    public int exitCode() {
        return exitCode;
    }

    /** What the command printed on standard error (or standard output when stderr was empty). */
    public String output() {
        return output;
    }
}
