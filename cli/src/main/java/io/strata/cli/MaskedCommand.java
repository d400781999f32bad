package io.strata.cli;

import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code strata masked}: masked datasets, the masked masters that every new snapshot of a sensitive source is masked
 * into, and that testers provision from.
 */
@Command(name = "masked", description = "Masked datasets: a source masked with a ruleset on every sync.")
final class MaskedCommand extends ApiCommand {

    static final List<Column> COLUMNS = List.of(Column.of("NAME", "name"), Column.of("ID", "id"), Column.of("SOURCE",
            "source"), Column.of("RULESET", "ruleset"), Column.of("RESET USERS", "resetUsers"),
            Column.of(
                    "LATEST SNAPSHOT", "latestSnapshot"));
    private static final String MASKED = "/masked-datasets/";

    @Command(name = "list", description = "List the masked datasets.")
    int list() {
        return show("/masked-datasets", COLUMNS);
    }

    @Command(name = "show", description = "Show one masked dataset, with every masking of a source snapshot.")
    int show(@Parameters(paramLabel = "NAME", description = "Its name or id.") String name) {
        return show(MASKED + Api.segment(name), COLUMNS);
    }

    @Command(name = "create", description = "Make a masked dataset: the source's newest snapshot is masked now (a "
            + "job), and each later one as it is taken.")
    int create(@Parameters(paramLabel = "NAME") String name,
            @Option(names = "--source", required = true, description = "The source's name or id.") String source,
            @Option(names = "--ruleset", required = true, description = "The ruleset's name or id.") String ruleset,
            @Option(names = "--keep-passwords", description = "Do not give the roles new passwords.") boolean keep,
            @Option(names = "--disable-role", paramLabel = "ROLE", description = "A production role that must not log "
                    + "in to any copy (repeatable).") List<String> disableRoles,
            @Option(names = "--subset", paramLabel = "FILE", description = "Keep only this subset: a JSON file with "
                    + "the API's subset ({roots: [{table, where, percent}], virtualKeys, unrelated}).") Path subset,
            @Option(names = "--wait", description = "Follow the job, then show the masked dataset.") boolean wait) {
        String sourceId = idOf("/sources", source, "strata source list");
        Body body = new Body().with("name", name).with("source", sourceId).with("ruleset", ruleset).with(
                "resetUsers", keep ? Boolean.FALSE : null).with("disableRoles", disableRoles).with("subset",
                        subset == null ? null : subsetFile(subset));
        return accepted(api().call("POST", "/masked-datasets", body), wait, MASKED, COLUMNS);
    }

    @Command(name = "refresh", description = "Mask the source's newest snapshot again (a job): after a failure, or "
            + "after the ruleset changed.")
    int refresh(@Mixin Target masked) {
        return accepted(api().call("POST", MASKED + Api.segment(masked.name) + "/refresh", new Body()), masked.wait,
                MASKED, COLUMNS);
    }

    @Command(name = "sync", description = "Bring a masked dataset to its source's newest snapshot, and wait: the "
            + "masking a sync starts by itself is followed; when none comes, or it failed, one is started.")
    int sync(@Parameters(paramLabel = "NAME", description = "Its name or id.") String name,
            @Option(names = "--start-after", paramLabel = "SECONDS", defaultValue = "30", description = "How long "
                    + "to wait for the masking the sync starts by itself before starting one (default 30).") int startAfter) {
        JsonNode dataset = api().read(MASKED + Api.segment(name));
        String latest = api().read("/sources/" + Api.segment(Column.text(dataset, "source"))).path("lastSnapshot")
                .asText();
        long giveUp = System.nanoTime() + startAfter * 1_000_000_000L;
        boolean started = false;
        while (true) {
            JsonNode masking = maskingOf(dataset, latest);
            String status = masking == null ? null : Column.text(masking, "status");
            if ("SUCCEEDED".equals(status)) {
                output().one(dataset, COLUMNS);
                return ExitCode.OK;
            }
            if ("RUNNING".equals(status)) {
                root().follower().follow(Column.text(masking, "jobId"));
            } else if (!started && ("FAILED".equals(status) || System.nanoTime() > giveUp)) {
                started = true;
                JsonNode answer = api().call("POST", MASKED + Api.segment(name) + "/refresh", new Body());
                root().follower().follow(Column.text(answer, "jobId"));
            } else if ("FAILED".equals(status)) {
                throw new CliException(ExitCode.JOB_FAILED, "masking " + latest + " for " + name + " failed: "
                        + Column.text(masking, "error"));
            } else {
                root().follower().pause();
            }
            dataset = api().read(MASKED + Api.segment(name));
        }
    }

    /** The masking of {@code sourceSnapshot} for the dataset, the newest one, or {@code null}. */
    private static JsonNode maskingOf(JsonNode dataset, String sourceSnapshot) {
        JsonNode found = null;
        for (JsonNode masking : dataset.path("snapshots")) {
            if (sourceSnapshot.equals(masking.path("sourceSnapshot").asText())) {
                found = masking;
            }
        }
        return found;
    }

    @Command(name = "delete", description = "Delete a masked dataset and the masked snapshots nothing uses.")
    int delete(@Parameters(paramLabel = "NAME", description = "Its name or id.") String name) {
        api().call("DELETE", MASKED + Api.segment(name), null);
        if (!api().dryRun()) {
            output().message("Deleted masked dataset " + name + ".", null);
        }
        return ExitCode.OK;
    }
}
