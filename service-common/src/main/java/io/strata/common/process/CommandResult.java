package io.strata.common.process;

/**
 * What a finished command printed and how it ended.
 *
 * @param exitCode the exit code
 * @param stdout standard output
 * @param stderr standard error
 */
public record CommandResult(int exitCode, String stdout, String stderr) {

    /** Whether it exited with 0. */
    public boolean ok() {
        return exitCode == 0;
    }
}
