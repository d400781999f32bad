package io.strata.cli;

import java.util.concurrent.Callable;

import picocli.AutoComplete;
import picocli.CommandLine.Command;

/** {@code strata completion}: the bash completion script (zsh loads it through bashcompinit). */
@Command(name = "completion", description = {"Print the bash completion script of strata.",
        "bash: source <(strata completion)   zsh: autoload -U +X bashcompinit && bashcompinit; "
                + "source <(strata completion)"})
final class CompletionCommand extends ApiCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        root().session().out().print(AutoComplete.bash("strata", spec.root().commandLine()));
        root().session().out().flush();
        return ExitCode.OK;
    }
}
