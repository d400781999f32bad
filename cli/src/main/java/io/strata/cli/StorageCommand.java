package io.strata.cli;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code strata storage}: the pool's space report and each dataset's snapshots. */
@Command(name = "storage", description = "Storage: the space thin clones save, and the snapshots of each dataset.")
final class StorageCommand extends ApiCommand {

    static final List<Column> DATASET_COLUMNS = List.of(Column.of("DATASET", "name"), Column.of("ID", "id"), size(
            "LOGICAL", "logicalSize"),
            size("UNIQUE", "uniqueSize"), size("SHARED", "sharedSize"), Column.of("VOLUMES", "volumes"), Column.of(
                    "SNAPSHOTS", "snapshots"));
    static final List<Column> SNAPSHOT_COLUMNS = List.of(Column.of("ID", "id"), Column.of("CREATED", "createdAt"),
            Column.of("POSITION", "position"), size("LOGICAL", "logicalSize"), size("UNIQUE", "uniqueSize"), Column
                    .of("CLONES", "dependents"));

    @Command(name = "report", description = "The space report: what is provisioned against what the pool holds.")
    int report() {
        JsonNode report = api().call("GET", "/storage", null);
        if (report == null) {
            return ExitCode.OK;
        }
        if (!output().forPeople()) {
            output().one(report, List.of());
            return ExitCode.OK;
        }
        Map<String, String> names = new HashMap<>();
        for (String collection : List.of("/sources", "/masked-datasets", "/vdbs")) {
            api().read(collection).forEach(item -> names.put(item.path("id").asText(), item.path("name").asText()));
        }
        ArrayNode datasets = report.path("datasets").deepCopy();
        datasets.forEach(dataset -> ((ObjectNode) dataset).put("name", names.get(dataset.path("id").asText())));
        output().list(datasets, DATASET_COLUMNS);
        output().message(String.format(Locale.ROOT, "%s provisioned in %s used of %s (%s free) on %s: savings "
                + "ratio %.2f", bytes(report.path("provisionedLogicalSize")), bytes(report.path("used")),
                bytes(report
                        .path("capacity")),
                bytes(report.path("free")), report.path("driver").asText(), report.path(
                        "savingsRatio").asDouble()),
                null);
        if (!report.path("warning").isNull() && !report.path("warning").isMissingNode()) {
            output().message("Warning: " + report.path("warning").asText(), null);
        }
        return ExitCode.OK;
    }

    @Command(name = "snapshots", description = "List a dataset's snapshots, oldest first, with the clones that use "
            + "them.")
    int snapshots(@Parameters(paramLabel = "DATASET", description = "A source, masked dataset or virtual database, "
            + "by name or id.") String dataset) {
        return show(
                "/datasets/" + Api.segment(datasetId(dataset, "/sources", "/masked-datasets", "/vdbs")) + "/snapshots",
                SNAPSHOT_COLUMNS);
    }

    /** A column of bytes, in binary units. */
    private static Column size(String header, String field) {
        return new Column(header, node -> node.path(field).isNumber() ? bytes(node.path(field)) : Column.NONE);
    }

    /** {@code value} bytes in binary units with one decimal, e.g. {@code 1.4 GiB}. */
    static String bytes(JsonNode value) {
        double size = value.asDouble();
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        int unit = 0;
        while (size >= 1024 && unit < units.length - 1) {
            size /= 1024;
            unit++;
        }
        return unit == 0 ? (long) size + " B" : String.format(Locale.ROOT, "%.1f %s", size, units[unit]);
    }
}
