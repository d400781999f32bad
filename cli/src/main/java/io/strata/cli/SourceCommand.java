package io.strata.cli;

import java.util.List;
import java.util.Map;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code strata source}: linking production databases and keeping their copies in sync. */
@Command(name = "source", description = "Sources: production databases linked, copied and kept in sync.")
final class SourceCommand extends ApiCommand {

    static final List<Column> COLUMNS = List.of(Column.of("NAME", "name"), Column.of("ID", "id"), Column.of("ENGINE",
            "engine"), Column.of("STATE", "state"), Column.of("SNAPSHOTS", "snapshots"),
            Column.of("LAST SYNC",
                    "lastSyncAt"),
            Column.of("SENSITIVE", "sensitive"), Column.of("ERROR", "error"));
    private static final String SOURCES = "/sources/";

    @Command(name = "list", description = "List the sources.")
    int list() {
        return show("/sources", COLUMNS);
    }

    @Command(name = "show", description = "Show one source.")
    int show(@Parameters(paramLabel = "SOURCE", description = "The source's name or id.") String source) {
        return show(SOURCES + Api.segment(idOf("/sources", source, "strata source list")), COLUMNS);
    }

    @Command(name = "link", description = "Link a source: its first copy is taken now (a job).")
    int link(@Parameters(paramLabel = "NAME") String name,
            @Option(names = "--engine", defaultValue = "postgresql", description = "postgresql (default), mariadb or files.") String engine,
            @Option(names = "--environment", description = "Where the source runs (default: local).") String env,
            @Option(names = "--host", description = "The database server's host, as seen from the environment.") String host,
            @Option(names = "--port") Integer port, @Option(names = "--database") String database,
            @Option(names = "--user") String user,
            @Option(names = "--password", description = "Connect with a password (asked for, or --stdin).") boolean password,
            @Option(names = "--stdin", description = "Read the password from standard input.") boolean stdin,
            @Option(names = "--path", description = "For files: the directory to link.") String path,
            @Option(names = "--staging-environment", description = "Where the staging copy runs.") String staging,
            @Option(names = "--staging-namespace", description = "Run the staging copy in a pod of its own in this "
                    + "Kubernetes namespace instead.") String stagingNamespace,
            @Option(names = "--cron", description = "Sync on this schedule (five-field cron).") String cron,
            @Option(names = "--log-sync", description = "Keep the log: any moment can be provisioned.") boolean log,
            @Option(names = "--sensitive", description = "Only admins may provision its unmasked data.") boolean sensitive,
            @Option(names = "--wait", description = "Follow the job, then show the source.") boolean wait) {
        Body connection = new Body().with("host", host).with("port", port).with("database", database).with("user",
                user).with("password", password || stdin ? secret(stdin, "Password") : null);
        Body body = new Body().with("name", name).with("engine", engine).with("environment", env).with("connection",
                connection).with("path", path).with("staging", staging(staging, stagingNamespace))
                .with("syncPolicy", cron == null ? null : Map.of("cron", cron)).flag("logSync", log).flag(
                        "sensitive", sensitive);
        return accepted(api().call("POST", "/sources", body), wait, SOURCES, COLUMNS);
    }

    /** Where the staging copy runs: an environment, a namespace, or (neither) the default. */
    private static Body staging(String environment, String namespace) {
        if (environment == null && namespace == null) {
            return null;
        }
        return new Body().with("environment", environment).with("kubernetes", namespace == null
                ? null
                : Map.of("namespace", namespace));
    }

    @Command(name = "sync", description = "Take a new snapshot of a source now (a job).")
    int sync(@Parameters(paramLabel = "SOURCE", description = "The source's name or id.") String source,
            @Option(names = "--resync", description = "Copy it whole again rather than the changes.") boolean resync,
            @Option(names = "--wait", description = "Follow the job, then show the source.") boolean wait) {
        String id = idOf("/sources", source, "strata source list");
        return accepted(api().call("POST", SOURCES + Api.segment(id) + "/sync", new Body().flag("resync", resync)),
                wait, SOURCES, COLUMNS);
    }

    @Command(name = "credentials", description = "Give a linked source its new password, after it was rotated on the "
            + "source: checked there first, then used by the staging copy; a refused one changes nothing.")
    int credentials(@Parameters(paramLabel = "SOURCE", description = "The source's name or id.") String source,
            @Option(names = "--stdin", description = "Read the password from standard input.") boolean stdin) {
        String id = idOf("/sources", source, "strata source list");
        return answer(api().call("PUT", SOURCES + Api.segment(id) + "/credentials", new Body().with(
                "connection", new Body().with("password", secret(stdin, "New password")))), COLUMNS);
    }

    @Command(name = "sensitive", description = "Say whether a source's unmasked data reaches admins only (true) or "
            + "everyone allowed (false).")
    int sensitive(
            @Parameters(index = "0", paramLabel = "SOURCE", description = "The source's name or id.") String source,
            @Parameters(index = "1", paramLabel = "true|false") boolean sensitive) {
        String id = idOf("/sources", source, "strata source list");
        return answer(api().call("PUT", SOURCES + Api.segment(id) + "/sensitive", Map.of("sensitive",
                sensitive)), COLUMNS);
    }

    @Command(name = "disable", description = "Stop a source's staging copy: syncs are refused until it is enabled "
            + "(a job).")
    int disable(@Mixin Target source) {
        return staging(source, "disable");
    }

    @Command(name = "enable", description = "Start a source's staging copy again (a job).")
    int enable(@Mixin Target source) {
        return staging(source, "enable");
    }

    private int staging(Target source, String operation) {
        String id = idOf("/sources", source.name, "strata source list");
        return accepted(api().call("POST", SOURCES + Api.segment(id) + "/" + operation, null), source.wait, SOURCES,
                COLUMNS);
    }

    @Command(name = "delete", description = "Delete a source: its staging copy, what linking made on the source and "
            + "the snapshots nothing uses (a job).")
    int delete(@Parameters(paramLabel = "SOURCE", description = "The source's name or id.") String source,
            @Option(names = "--force", description = "Go on when the source cannot be reached; what linking made "
                    + "there stays.") boolean force,
            @Option(names = "--wait", description = "Follow the job.") boolean wait) {
        String id = idOf("/sources", source, "strata source list");
        return accepted(api().call("DELETE", SOURCES + Api.segment(id) + (force ? "?force=true" : ""), null), wait,
                null, null);
    }
}
