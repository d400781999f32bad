package io.strata.cli;

import java.util.List;
import java.util.Map;

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
            @Option(names = "--kubernetes", description = "With --dry-run: print the VirtualDatabase custom resource "
                    + "(for kubectl apply -f -) instead of the request.") boolean kubernetes) {
        Body from = new Body().with("dataset", dataset).with("snapshot", snapshot).with("bookmark", bookmark).with(
                "timestamp", timestamp);
        Body body = new Body().with("name", name).with("from", from).with("target", env == null
                ? null
                : Map.of(
                        "environment", env))
                .with("port", port).with("parameters", parameters);
        if (kubernetes) {
            return resource(CustomResource.virtualDatabase(body));
        }
        return accepted(api().call("POST", "/vdbs", body), wait, VDBS, COLUMNS);
    }

    @Command(name = "refresh", description = "Refresh a virtual database from its parent's newest snapshot, or the "
            + "one given (a job).")
    int refresh(@Parameters(paramLabel = "VDB") String vdb, @Option(names = "--snapshot") String snapshot,
            @Option(names = "--bookmark") String bookmark,
            @Option(names = "--wait", description = WAIT) boolean wait) {
        return move(vdb, "refresh", new Body().with("snapshot", snapshot).with("bookmark", bookmark), wait);
    }

    @Command(name = "rewind", description = "Rewind a virtual database to one of its snapshots, a bookmark or a "
            + "moment (a job).")
    int rewind(@Parameters(paramLabel = "VDB") String vdb, @Option(names = "--snapshot") String snapshot,
            @Option(names = "--bookmark") String bookmark,
            @Option(names = "--timestamp", description = "RFC 3339, e.g. 2026-12-04T19:00:00Z.") String timestamp,
            @Option(names = "--wait", description = WAIT) boolean wait) {
        return move(vdb, "rewind", new Body().with("snapshot", snapshot).with("bookmark", bookmark).with("timestamp",
                timestamp), wait);
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

    private int move(String vdb, String operation, Body body, boolean wait) {
        return accepted(api().call("POST", VDBS + Api.segment(vdb) + "/" + operation, body), wait, VDBS, COLUMNS);
    }
}
