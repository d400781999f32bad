package io.strata.cli;

import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code strata ruleset}: the masking rules of a database, made from a file or from what a profiling job suggested,
 * and shown as the file they can be edited in.
 */
@Command(name = "ruleset", description = "Rulesets: which column is masked with which algorithm.")
final class RulesetCommand extends ApiCommand {

    static final List<Column> COLUMNS = List.of(Column.of("NAME", "name"), Column.of("ID", "id"), Column.of(
            "VERSION", "version"), new Column("RULES", ruleset -> String.valueOf(ruleset.path("rules").size())),
            Column.of("UPDATED", "updatedAt"));
    /** The rules of one ruleset, one row each. */
    static final List<Column> RULE_COLUMNS = List.of(Column.of("TABLE", "table"), Column.of("COLUMN", "column"),
            Column.of("ALGORITHM", "algorithm"), new Column("PARAMS", rule -> rule.path("params").isEmpty()
                    ? Column.NONE
                    : rule.path("params").toString()));
    private static final String RULESETS = "/rulesets/";

    /** Where the rules come from: a file, or the suggestions of a profiling job. */
    static final class Rules {

        @Option(names = "--file", paramLabel = "FILE", description = "A JSON file {rules: [{table, column, algorithm, "
                + "params}], publicText, keys}, as `strata ruleset show -o json` prints one.")
        Path file;

        @Option(names = "--from-profile", paramLabel = "JOB", description = "The rules a profiling job suggested "
                + "(strata profile list).")
        String profile;
    }

    @Command(name = "list", description = "List the rulesets.")
    int list() {
        return show("/rulesets", COLUMNS);
    }

    @Command(name = "show", description = "Show a ruleset's rules (-o json prints it as a file for --file).")
    int show(@Parameters(paramLabel = "RULESET", description = "Its name or id.") String ruleset) {
        JsonNode found = api().call("GET", RULESETS + Api.segment(ruleset), null);
        if (found != null && output().forPeople()) {
            output().one(found, COLUMNS);
            output().message("", null);
            output().list(found.path("rules"), RULE_COLUMNS);
        } else if (found != null) {
            output().one(found, COLUMNS);
        }
        return ExitCode.OK;
    }

    @Command(name = "create", description = "Make a ruleset from a file or from a profiling job's suggestions.")
    int create(@Parameters(paramLabel = "NAME") String name,
            @ArgGroup(exclusive = true, multiplicity = "1") Rules rules) {
        return answer(api().call("POST", "/rulesets", body(name, rules)), COLUMNS);
    }

    @Command(name = "update", description = "Replace a ruleset's rules: its next version. Masked datasets use it "
            + "from their next masking on.")
    int update(@Parameters(paramLabel = "RULESET", description = "Its name or id.") String ruleset,
            @Option(names = "--rename", paramLabel = "NAME", description = "Give it this name too.") String rename,
            @ArgGroup(exclusive = true, multiplicity = "1") Rules rules) {
        String id = idOf("/rulesets", ruleset, "strata ruleset list");
        String name = rename != null ? rename : api().read(RULESETS + Api.segment(id)).path("name").asText();
        return answer(api().call("PUT", RULESETS + Api.segment(id), body(name, rules)), COLUMNS);
    }

    @Command(name = "delete", description = "Delete a ruleset no masked dataset uses.")
    int delete(@Parameters(paramLabel = "RULESET", description = "Its name or id.") String ruleset) {
        api().call("DELETE", RULESETS + Api.segment(ruleset), null);
        if (!api().dryRun()) {
            output().message("Deleted ruleset " + ruleset + ".", null);
        }
        return ExitCode.OK;
    }

    /** The request: the rules of the file or of the profiling job, under {@code name}. */
    private Object body(String name, Rules rules) {
        JsonNode draft = rules.file != null
                ? jsonFile(rules.file, "the rules", "`strata ruleset show RULESET -o json` prints")
                : api().read("/profiling-jobs/" + Api.segment(rules.profile) + "/inventory").path("ruleset");
        return named(draft, name, rules.file != null ? rules.file.toString() : "The profiling job's inventory");
    }

    /**
     * A ruleset's request: the rules, public text and key pins of {@code draft} (a file, or a profiling job's
     * suggestion) under {@code name}; bad input naming {@code from} when it holds no rules.
     */
    static ObjectNode named(JsonNode draft, String name, String from) {
        if (!draft.isObject() || !draft.path("rules").isArray()) {
            throw CliException.badInput(from + " holds no rules: give a JSON object {\"rules\": [{\"table\", "
                    + "\"column\", \"algorithm\", \"params\"}]}.");
        }
        ObjectNode body = ((ObjectNode) draft).deepCopy();
        body.retain("rules", "publicText", "keys");
        return body.put("name", name);
    }
}
