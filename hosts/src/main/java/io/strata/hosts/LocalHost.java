package io.strata.hosts;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import io.strata.common.process.CommandException;
import io.strata.common.process.CommandResult;
import io.strata.common.process.LocalCommands;
import io.strata.engine.HostConnection;
import io.strata.engine.UserError;

/** This machine: commands run as the service's own user, secrets passed in the environment. */
public final class LocalHost implements HostConnection {

    @Override
    public String describe() {
        return "local";
    }

    @Override
    public String address() {
        return "127.0.0.1";
    }

    @Override
    public String user() {
        return System.getProperty("user.name");
    }

    @Override
    public Result run(List<String> command, Map<String, String> environment, byte[] stdin, Duration timeout,
            Consumer<String> stderrLines) {
        try {
            CommandResult result = LocalCommands.attempt(timeout, command, environment, stdin, stderrLines);
            return new Result(result.exitCode(), result.stdout(), result.stderr());
        } catch (CommandException e) {
            throw new UserError(e.getMessage() + " on this host.", "Check that the program is installed and that "
                    + "it can finish within " + timeout.toSeconds() + " s.", e.output());
        }
    }
}
