package io.strata.cli;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code strata user}: the people and pipelines that use Strata, and the access tokens pipelines sign in with. */
@Command(name = "user", description = "Users and their personal access tokens (admins).")
final class UserCommand extends ApiCommand {

    static final List<Column> COLUMNS = List.of(Column.of("USERNAME", "username"), Column.of("ID", "id"), Column.of(
            "ROLES", "roles"), Column.of("CREATED", "createdAt"));
    static final List<Column> TOKEN_COLUMNS = List.of(Column.of("NAME", "name"), Column.of("ID", "id"), Column.of(
            "CREATED", "createdAt"), Column.of("EXPIRES", "expiresAt"), Column.of("REVOKED", "revokedAt"));
    private static final String USERS = "/users/";

    @Command(name = "list", description = "List the users.")
    int list() {
        return show("/users", COLUMNS);
    }

    @Command(name = "show", description = "Show one user.")
    int show(@Parameters(paramLabel = "USER", description = "The user's name or id.") String user) {
        return show(USERS + Api.segment(user), COLUMNS);
    }

    @Command(name = "create", description = "Add a user with a password (asked for, or one line of standard input "
            + "with --stdin).")
    int create(@Parameters(paramLabel = "USERNAME") String username,
            @Option(names = "--role", required = true, paramLabel = "ROLE", description = "admin (everything), owner "
                    + "(own pods, shared bookmarks, masked datasets) or reader (repeatable).") List<String> roles,
            @Option(names = "--stdin", description = "Read the password from standard input.") boolean stdin) {
        return answer(api().call("POST", "/users", new Body().with("username", username).with("password", secret(
                stdin, "Password")).with("roles", roles)), COLUMNS);
    }

    @Command(name = "token", description = "Make a personal access token for a user (for STRATA_TOKEN or strata login "
            + "--token): printed once, store it now.")
    int token(@Parameters(paramLabel = "USER", description = "The user's name or id.") String user,
            @Option(names = "--name", required = true, description = "What it is for, e.g. the pipeline's name.") String name,
            @Option(names = "--expires-at", paramLabel = "TIME", description = "When it stops working (RFC 3339; "
                    + "default in 90 days).") String expiresAt) {
        JsonNode made = api().call("POST", USERS + Api.segment(user) + "/tokens", new Body().with("name", name).with(
                "expiresAt", expiresAt));
        if (made != null) {
            // The token alone on standard output, so that a script can keep it: TOKEN=$(strata user token ...).
            output().message(Column.text(made, "token"), made);
            root().session().err().println("Token " + Column.text(made, "name") + " (" + Column.text(made, "id")
                    + ") expires " + Column.text(made, "expiresAt") + "; it is not shown again.");
        }
        return ExitCode.OK;
    }

    @Command(name = "tokens", description = "List a user's personal access tokens (never the tokens themselves).")
    int tokens(@Parameters(paramLabel = "USER", description = "The user's name or id.") String user) {
        return show(USERS + Api.segment(user) + "/tokens", TOKEN_COLUMNS);
    }

    @Command(name = "revoke", description = "Revoke a personal access token: it stops working at once.")
    int revoke(@Parameters(index = "0", paramLabel = "USER", description = "The user's name or id.") String user,
            @Parameters(index = "1", paramLabel = "TOKEN", description = "The token's name or id.") String token) {
        String id = token;
        for (JsonNode item : api().read(USERS + Api.segment(user) + "/tokens")) {
            if (token.equals(item.path("name").asText())) {
                id = item.path("id").asText();
            }
        }
        api().call("DELETE", USERS + Api.segment(user) + "/tokens/" + Api.segment(id), null);
        if (!api().dryRun()) {
            output().message("Revoked token " + token + " of " + user + ".", null);
        }
        return ExitCode.OK;
    }

    @Command(name = "audit", description = "The audit log, newest first: who changed what, or was refused.")
    int audit(@Option(names = "--user", description = "Only this user's requests.") String user,
            @Option(names = "--resource", description = "Only about this resource (a prefix: vdbs/ or "
                    + "vdbs/vdb-123).") String resource,
            @Option(names = "--since", paramLabel = "TIME", description = "Only since this moment (RFC 3339).") String since,
            @Option(names = "--limit", defaultValue = "100", description = "At most this many (default 100).") int limit) {
        String query = "?limit=" + limit + (user == null ? "" : "&user=" + Api.segment(user)) + (resource == null
                ? ""
                : "&resource=" + Api.segment(resource)) + (since == null ? "" : "&since=" + Api.segment(since));
        return show("/audit" + query, Column.fields("at", "user", "method", "path", "status", "outcome"));
    }
}
