package io.strata.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * What one run of the CLI takes from its surroundings: the environment variables, the way to the server, the output
 * streams, standard input, whether progress may redraw one line, how often a job is polled, and how to ask for a
 * secret. {@link #system()} is the real one; tests make their own.
 *
 * @param env the environment variables
 * @param http the way to the server
 * @param out standard output: results
 * @param err standard error: progress and the one-line error
 * @param stdin standard input, for {@code --stdin}
 * @param progressBar whether standard error is a terminal on which one line may be redrawn
 * @param pollInterval how long to wait between two looks at a job
 * @param secrets asks for a password or a token without echoing it, or answers {@code null} without a terminal
 */
public record Session(Map<String, String> env, Http http, PrintWriter out, PrintWriter err, BufferedReader stdin,
        boolean progressBar, Duration pollInterval, Secrets secrets) {

    /** Asks a person for a secret. */
    @FunctionalInterface
    public interface Secrets {

        /** The secret typed after {@code prompt}, or {@code null} when there is nobody to ask. */
        char[] ask(String prompt);
    }

    /** The process's own surroundings. The launcher sets {@code strata.tty} when standard error is a terminal. */
    public static Session system() {
        Console console = System.console();
        boolean tty = Boolean.parseBoolean(System.getProperty("strata.tty", String.valueOf(console != null)));
        return new Session(System.getenv(), new JdkHttp(), new PrintWriter(System.out, true, StandardCharsets.UTF_8),
                new PrintWriter(System.err, true, StandardCharsets.UTF_8), new BufferedReader(new InputStreamReader(
                        System.in, StandardCharsets.UTF_8)),
                tty, Duration.ofMillis(500), prompt -> console == null ? null : console.readPassword("%s", prompt));
    }

    /** One line of standard input, stripped (a secret given with {@code --stdin}). */
    public String readLine() {
        try {
            String line = stdin.readLine();
            if (line == null || line.isBlank()) {
                throw CliException.badInput("--stdin: standard input is empty; pipe the secret into strata.");
            }
            return line.strip();
        } catch (IOException e) {
            throw CliException.badInput("--stdin: cannot read standard input: " + e.getMessage());
        }
    }
}
