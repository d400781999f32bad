package io.strata.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;

/** {@code strata logout}: forgets the kept token. */
@Command(name = "logout", description = "Forget the token kept in ~/.strata/config (the server stays configured).")
final class LogoutCommand extends ApiCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        Config config = root().config();
        config.save(config.url(), null);
        root().session().out().println("Signed out: no token is kept in " + config.file() + ".");
        return ExitCode.OK;
    }
}
