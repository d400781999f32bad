package io.strata.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code strata env}: the environments (hosts, Kubernetes pods) sources and virtual databases live on. */
@Command(name = "env", description = "Environments: the hosts and Kubernetes pods sources and virtual databases "
        + "live on (`local`, this host, always exists).")
final class EnvCommand extends ApiCommand {

    static final List<Column> COLUMNS = List.of(Column.of("NAME", "name"), Column.of("ID", "id"), Column.of("KIND",
            "kind"), Column.of("HOST", "host"), Column.of("PORT", "port"), Column.of("USER", "user"),
            Column.of(
                    "NAMESPACE", "namespace"),
            Column.of("POD", "pod"));
    static final List<Column> REPOSITORY_COLUMNS = Column.fields("engine", "name", "version", "binDir");

    @Command(name = "list", description = "List the environments.")
    int list() {
        return show("/environments", COLUMNS);
    }

    @Command(name = "add", description = "Add an environment: an SSH host (its credentials and host key are checked "
            + "first) or a Kubernetes pod.")
    int add(@Parameters(paramLabel = "NAME") String name,
            @Option(names = "--kind", defaultValue = "ssh", description = "ssh (default) or kubernetes.") String kind,
            @Option(names = "--host") String host, @Option(names = "--port") Integer port,
            @Option(names = "--user") String user,
            @Option(names = "--private-key-file", paramLabel = "FILE", description = "The SSH private key to log in with.") Path privateKey,
            @Option(names = "--password", description = "Log in with a password (asked for, or --stdin).") boolean password,
            @Option(names = "--stdin", description = "Read the password from standard input.") boolean stdin,
            @Option(names = "--host-key", description = "The host's public key (known_hosts format).") String hostKey,
            @Option(names = "--pin-host-key", description = "Trust the key the host shows now.") boolean pin,
            @Option(names = "--namespace") String namespace, @Option(names = "--pod") String pod,
            @Option(names = "--container") String container) {
        Body credentials = new Body().with("privateKey", privateKey == null ? null : read(privateKey)).with(
                "password", password || stdin ? secret(stdin, "Password") : null);
        Body body = new Body().with("name", name).with("kind", kind).with("host", host).with("port", port).with(
                "user", user).with("credentials", credentials).with("hostKey", hostKey).flag("pinHostKey", pin)
                .with("namespace", namespace).with("pod", pod).with("container", container);
        JsonNode created = api().call("POST", "/environments", body);
        if (created != null) {
            output().one(created, COLUMNS);
        }
        return ExitCode.OK;
    }

    @Command(name = "discover", description = "Look for engine installations on an environment (and, given a "
            + "PostgreSQL connection, its databases).")
    int discover(@Parameters(paramLabel = "ENV", description = "The environment's name or id.") String env,
            @Option(names = "--pg-host") String host, @Option(names = "--pg-port") Integer port,
            @Option(names = "--pg-database") String database, @Option(names = "--pg-user") String user,
            @Option(names = "--pg-password", description = "Connect with a password (asked for, or --stdin).") boolean password,
            @Option(names = "--stdin", description = "Read the password from standard input.") boolean stdin,
            @Option(names = "--wait", description = "Follow the job, then list what was found.") boolean wait) {
        String id = idOf("/environments", env, "strata env list");
        Body connection = new Body().with("host", host).with("port", port).with("database", database).with("user",
                user).with("password", password || stdin ? secret(stdin, "Password") : null);
        Body body = connection.isEmpty()
                ? null
                : new Body().with("postgresql", new Body().with("connection",
                        connection));
        JsonNode answer = api().call("POST", "/environments/" + Api.segment(id) + "/discover", body);
        if (answer != null && wait) {
            root().follower().follow(Column.text(answer, "jobId"));
            return show("/environments/" + Api.segment(id) + "/repositories", REPOSITORY_COLUMNS);
        }
        return accepted(answer, false, null, null);
    }

    @Command(name = "credentials", description = "Give an SSH environment its new key or password, after it was "
            + "rotated on the host: checked there first; a refused one changes nothing.")
    int credentials(@Parameters(paramLabel = "ENV", description = "The environment's name or id.") String env,
            @Option(names = "--private-key-file", paramLabel = "FILE", description = "The new SSH private key.") Path privateKey,
            @Option(names = "--password", description = "A new password (asked for, or --stdin).") boolean password,
            @Option(names = "--stdin", description = "Read the password from standard input.") boolean stdin) {
        String id = idOf("/environments", env, "strata env list");
        Body credentials = new Body().with("privateKey", privateKey == null ? null : read(privateKey)).with(
                "password", password || stdin ? secret(stdin, "Password") : null);
        return answer(api().call("PUT", "/environments/" + Api.segment(id) + "/credentials", new Body().with(
                "credentials", credentials)), COLUMNS);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw CliException.badInput("--private-key-file: cannot read " + file + ": " + e.getMessage());
        }
    }
}
