package io.strata.cli;

import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** What an operation on one resource takes: the resource, by name or id, and {@code --wait}. */
final class Target {

    @Parameters(index = "0", paramLabel = "NAME", description = "Its name or id.")
    String name;

    @Option(names = "--wait", description = "Follow the job to its end, then show the result.")
    boolean wait;
}
