package io.strata.cli;

import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.JsonNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code strata login}: a password exchanged for a session token, or a personal access token, kept in the config. */
@Command(name = "login", description = {"Sign in and keep the token in ~/.strata/config (mode 0600).",
        "With -u, the password is asked for (or read from standard input with --stdin) and exchanged for a session "
                + "token (8 hours); with --token, a personal access token is kept instead (pipelines)."})
final class LoginCommand extends ApiCommand implements Callable<Integer> {

    @Option(names = "--url", description = "The server, e.g. http://127.0.0.1:8080 (default: the configured one).")
    String url;

    @Option(names = {"-u", "--username"}, description = "The user to sign in as, with a password.")
    String username;

    @Option(names = "--token", description = "Sign in with a personal access token (asked for, or --stdin).")
    boolean token;

    @Option(names = "--stdin", description = "Read the password or token from the first line of standard input.")
    boolean stdin;

    @Override
    public Integer call() {
        Config config = root().config();
        String base = url != null ? Config.normalize(url) : config.url();
        if (token == (username != null)) {
            throw CliException.badInput("Give either -u <user> (a password is asked for) or --token.");
        }
        Api api = api();
        String issued;
        if (token) {
            issued = secret(stdin, "Token");
        } else {
            Body credentials = new Body().with("username", username).with("password", secret(stdin, "Password"));
            if (api.dryRun()) {
                api.call("POST", "/auth/token", credentials);
                return ExitCode.OK;
            }
            issued = api.signIn(base, credentials).path("token").asText();
        }
        JsonNode me = api.readAs(base, issued, "/users/me");
        if (api.dryRun()) {
            output().message("The token is good for " + Column.text(me, "username") + "; not kept (--dry-run).", me);
            return ExitCode.OK;
        }
        config.save(base, issued);
        output().message("Signed in to " + base + " as " + Column.text(me, "username") + " (" + Column.text(me,
                "roles") + "); the token is kept in " + config.file() + ".", me);
        return ExitCode.OK;
    }
}
