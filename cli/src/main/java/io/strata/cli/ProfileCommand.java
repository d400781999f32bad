package io.strata.cli;

import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code strata profile}: finding the sensitive columns of a source or a virtual database, and turning what was found
 * into a ruleset.
 */
@Command(name = "profile", description = "Profiling: which columns hold personal data, and how to mask them.")
final class ProfileCommand extends ApiCommand {

    static final List<Column> COLUMNS = List.of(Column.of("JOB", "jobId"), Column.of("DATASET", "dataset"), Column
            .of("STATUS", "status"), Column.of("COLUMNS FOUND", "columnsFound"), Column.of("FINISHED", "finishedAt"),
            Column.of("ERROR", "error"));
    /** What was found, one column a row. */
    static final List<Column> FINDING_COLUMNS = List.of(Column.of("TABLE", "table"), Column.of("COLUMN", "column"),
            Column.of("KIND", "kind"), new Column("EVIDENCE", finding -> String.format(Locale.ROOT, "%.0f%%", 100
                    * finding.path("evidence").asDouble())),
            Column.of("FOUND BY", "foundBy"), Column.of("SUGGESTED", "suggested.algorithm"));
    private static final String PROFILING = "/profiling-jobs/";

    @Command(name = "run", description = "Profile a source's newest snapshot (through a temporary clone, never the "
            + "source itself) or a running virtual database: a job.")
    int run(@Parameters(paramLabel = "DATASET", description = "A source, masked dataset or virtual database, by name "
            + "or id.") String dataset,
            @Option(names = "--sample-rows", paramLabel = "N", description = "Sample at most N rows of each table "
                    + "(10 to 100000).") Integer sampleRows,
            @Option(names = "--wait", description = "Follow the job, then show what was found.") boolean wait,
            @Option(names = "--save-ruleset", paramLabel = "NAME", description = "With --wait: make a ruleset of the "
                    + "suggested rules.") String ruleset) {
        if (ruleset != null && !wait) {
            throw CliException.badInput("--save-ruleset needs --wait: the rules are known once the job has ended.");
        }
        JsonNode answer = api().call("POST", "/profiling-jobs",
                new Body().with("dataset", datasetId(dataset, "/sources", "/masked-datasets")).with(
                        "sampleRows", sampleRows));
        if (answer == null || !wait) {
            return accepted(answer, false, null, null);
        }
        String job = Column.text(answer, "jobId");
        root().follower().follow(job);
        JsonNode inventory = inventory(job);
        if (ruleset != null) {
            JsonNode made = api().call("POST", "/rulesets", RulesetCommand.named(inventory.path("ruleset"), ruleset,
                    "The profiling job's inventory"));
            if (made != null) {
                output().message("Ruleset " + ruleset + " made with " + made.path("rules").size() + " rules "
                        + "(strata ruleset show " + ruleset + ").", null);
            }
        }
        return ExitCode.OK;
    }

    @Command(name = "list", description = "List the profiling jobs, newest first.")
    int list() {
        return show("/profiling-jobs", COLUMNS);
    }

    @Command(name = "show", description = "Show what a profiling job found (-o json: the whole inventory, with the "
            + "ruleset it suggests).")
    int show(@Parameters(paramLabel = "JOB", description = "The job's id.") String job) {
        inventory(job);
        return ExitCode.OK;
    }

    /** Prints the inventory of {@code job}: a row per column found, and what was not read. */
    private JsonNode inventory(String job) {
        JsonNode inventory = api().read(PROFILING + Api.segment(job) + "/inventory");
        if (!output().forPeople()) {
            output().one(inventory, List.of());
            return inventory;
        }
        output().list(inventory.path("columns"), FINDING_COLUMNS);
        output().message(inventory.path("columns").size() + " columns found in " + inventory.path("tablesSampled")
                .asInt() + " tables (at most " + inventory.path("sampleRows").asInt() + " rows sampled each).", null);
        for (JsonNode unread : inventory.path("unreadTables")) {
            output().message("Not read: " + unread.path("table").asText() + " (" + unread.path("reason").asText()
                    + ").", null);
        }
        return inventory;
    }
}
