package io.strata.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code strata vdb}: virtual databases, provisioned from a dataset, a snapshot or a bookmark. */
@Command(name = "vdb", description = "Virtual databases: writable copies of a dataset's snapshot, made in seconds.")
final class VdbCommand extends ApiCommand {

    static final List<Column> COLUMNS = List.of(Column.of("NAME", "name"), Column.of("ID", "id"), Column.of("STATUS",
            "status"), Column.of("ENGINE", "engine"), Column.of("HOST", "connection.host"),
            Column.of("PORT",
                    "connection.port"),
            Column.of("DATABASE", "connection.database"), Column.of("PARENT", "parent"), Column.of("OWNER", "owner"));
    private static final String VDBS = "/vdbs/";
    private static final String WAIT = "Follow the job to its end.";

    @Command(name = "list", description = "List the virtual databases.")
    int list(@Option(names = "--all", description = "Also the masking service's working ones.") boolean all) {
        return show(all ? "/vdbs?all=true" : "/vdbs", COLUMNS);
    }

    @Command(name = "show", description = "Show one virtual database.")
    int show(@Parameters(paramLabel = "VDB", description = "Its name or id.") String vdb) {
        return show(VDBS + Api.segment(vdb), COLUMNS);
    }

    @Command(name = "create", description = "Provision a virtual database (a job): from a dataset's newest snapshot "
            + "(or its state at --timestamp), a snapshot or a bookmark.")
    int create(@Parameters(paramLabel = "NAME") String name,
            @Option(names = "--from-dataset", paramLabel = "DATASET", description = "A source or masked dataset, by name or id.") String dataset,
            @Option(names = "--from-snapshot", paramLabel = "SNAPSHOT") String snapshot,
            @Option(names = "--from-bookmark", paramLabel = "BOOKMARK") String bookmark,
            @Option(names = "--timestamp", description = "With --from-dataset: that moment (RFC 3339; needs "
                    + "--log-sync).") String timestamp,
            @Option(names = "--environment", description = "Where it runs (default: local).") String env,
            @Option(names = "--port", description = "Its port (default: a free one).") Integer port,
            @Option(names = "--param", paramLabel = "KEY=VALUE", description = "An engine parameter (repeatable).") Map<String, String> parameters,
            @Option(names = "--wait", description = "Follow the job, then show the virtual database.") boolean wait,
            @Mixin KubernetesOutput k8s) {
        Body from = new Body().with("dataset", dataset).with("snapshot", snapshot).with("bookmark", bookmark).with(
                "timestamp", timestamp);
        Body body = new Body().with("name", name).with("from", from).with("target", env == null
                ? null
                : Map.of(
                        "environment", env))
                .with("port", port).with("parameters", parameters);
        if (k8s.kubernetes) {
            return resource(CustomResource.virtualDatabase(body));
        }
        return accepted(api().call("POST", "/vdbs", body), wait, VDBS, COLUMNS);
    }

    @Command(name = "refresh", description = "Refresh a virtual database from its parent's newest snapshot, or the "
            + "one given (a job).")
    int refresh(@Parameters(paramLabel = "VDB") String vdb, @Option(names = "--snapshot") String snapshot,
            @Option(names = "--bookmark") String bookmark,
            @Option(names = "--wait", description = WAIT) boolean wait, @Mixin KubernetesOutput k8s) {
        return action(vdb, "refresh", new Body().with("snapshot", snapshot).with("bookmark", bookmark), wait, k8s,
                "VdbRefresh");
    }

    @Command(name = "rewind", description = "Rewind a virtual database to one of its snapshots, a bookmark or a "
            + "moment (a job).")
    int rewind(@Parameters(paramLabel = "VDB") String vdb, @Option(names = "--snapshot") String snapshot,
            @Option(names = "--bookmark") String bookmark,
            @Option(names = "--timestamp", description = "RFC 3339, e.g. 2026-12-04T19:00:00Z.") String timestamp,
            @Option(names = "--wait", description = WAIT) boolean wait, @Mixin KubernetesOutput k8s) {
        return action(vdb, "rewind", new Body().with("snapshot", snapshot).with("bookmark", bookmark).with(
                "timestamp", timestamp), wait, k8s, "VdbRewind");
    }

    @Command(name = "snapshot", description = "Take a snapshot of a virtual database as it is now (a job): it can be "
            + "rewound to or provisioned from.")
    int snapshot(@Mixin Target vdb, @Mixin KubernetesOutput k8s) {
        return action(vdb.name, "snapshot", null, vdb.wait, k8s, "VdbSnapshot");
    }

    @Command(name = "stop", description = "Stop a virtual database's engine (a job).")
    int stop(@Mixin Target vdb) {
        return move(vdb.name, "stop", null, vdb.wait);
    }

    @Command(name = "start", description = "Start a stopped virtual database (a job).")
    int start(@Mixin Target vdb) {
        return move(vdb.name, "start", null, vdb.wait);
    }

    @Command(name = "delete", description = "Delete a virtual database and its storage (a job).")
    int delete(@Mixin Target vdb) {
        return accepted(api().call("DELETE", VDBS + Api.segment(vdb.name), null), vdb.wait, null, null);
    }

    @Command(name = "credentials", description = "How to connect to a virtual database: host, port, database, user "
            + "and its generated password (its owners and admins only).")
    int credentials(@Parameters(paramLabel = "VDB", description = "The virtual database's name or id.") String vdb) {
        JsonNode found = api().call("GET", VDBS + Api.segment(vdb), null);
        JsonNode credentials = api().call("GET", VDBS + Api.segment(vdb) + "/credentials", null);
        if (found != null && credentials != null) {
            ObjectNode connection = root().json().createObjectNode();
            connection.set("host", found.path("connection").path("host"));
            connection.set("port", found.path("connection").path("port"));
            connection.set("database", found.path("connection").path("database"));
            connection.set("user", credentials.path("user"));
            connection.set("password", credentials.path("password"));
            output().one(connection, Column.fields("host", "port", "database", "user", "password"));
        }
        return ExitCode.OK;
    }

    @Command(name = "subset", description = "Keep a referentially complete part of a virtual database, in place (a "
            + "job): the rows of a root table that match, and every row they need or that needs them; with --ruleset "
            + "it is masked afterwards.")
    int subset(@Parameters(paramLabel = "VDB", description = "The virtual database's name or id.") String vdb,
            @Option(names = "--table", paramLabel = "TABLE", description = "The root table.") String table,
            @Option(names = "--where", paramLabel = "CONDITION", description = "Keep the root's rows that match this "
                    + "SQL condition.") String where,
            @Option(names = "--percent", paramLabel = "N", description = "Keep N percent of the root's rows.") Integer percent,
            @Option(names = "--subset", paramLabel = "FILE", description = "The whole subset as a JSON file "
                    + "({roots: [{table, where, percent}], virtualKeys, unrelated}), instead of --table.") Path file,
            @Option(names = "--ruleset", description = "Mask with this ruleset (name or id) after subsetting.") String ruleset,
            @Option(names = "--wait", description = WAIT) boolean wait) {
        if ((table == null) == (file == null)) {
            throw CliException.badInput("Give the root table (--table, with --where or --percent) or a subset file "
                    + "(--subset), one of the two.");
        }
        Object subset = file != null
                ? subsetFile(file)
                : Map.of("roots", List.of(new Body().with("table", table).with("where", where).with("percent",
                        percent)));
        String id = idOf("/vdbs", vdb, "strata vdb list");
        return accepted(api().call("POST", "/masking-jobs", new Body().with("vdb", id).with("ruleset", ruleset).with(
                "subset", subset)), wait, null, null);
    }

    /** An operation that has a custom resource of its own ({@code kind}), printed instead with --kubernetes. */
    private int action(String vdb, String operation, Body body, boolean wait, KubernetesOutput k8s, String kind) {
        if (k8s.kubernetes) {
            return resource(CustomResource.action(kind, "virtualDatabase", vdb, body));
        }
        return move(vdb, operation, body, wait);
    }

    private int move(String vdb, String operation, Body body, boolean wait) {
        return accepted(api().call("POST", VDBS + Api.segment(vdb) + "/" + operation, body), wait, VDBS, COLUMNS);
    }
}
