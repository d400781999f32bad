package io.strata.cli;

import picocli.CommandLine.Option;

/** {@code --kubernetes}: with {@code --dry-run}, the custom resource that does what the request does. */
final class KubernetesOutput {

    @Option(names = "--kubernetes", description = "With --dry-run: print the custom resource that does the same (for "
            + "kubectl apply -f -) instead of the request.")
    boolean kubernetes;
}
