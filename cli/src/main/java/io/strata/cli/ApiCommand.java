package io.strata.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** What the commands share: the run's API client, output and job follower, and the shape of a long operation. */
abstract class ApiCommand {

    /** The columns of a job. */
    static final List<Column> JOB_COLUMNS = Column.fields("id", "kind", "resource", "state", "percent", "step",
            "error");

    @Spec
    CommandSpec spec;

    /** The root command, which holds this run. */
    Strata root() {
        return (Strata) spec.root().userObject();
    }

    Api api() {
        return root().api();
    }

    Output output() {
        return root().output();
    }

    /**
     * Ends a long operation ({@code 202 {id, jobId}}): without {@code --wait} says it was accepted; with it, follows
     * the job and then shows the resource at {@code showPath + id} (or, without a path, the job).
     */
    int accepted(JsonNode answer, boolean wait, String showPath, List<Column> columns) {
        if (answer == null) {
            return ExitCode.OK;
        }
        String id = Column.text(answer, "id");
        String jobId = Column.text(answer, "jobId");
        if (!wait) {
            output().message("Accepted: " + id + ", job " + jobId + " (follow it: strata job watch " + jobId + ")",
                    answer);
            return ExitCode.OK;
        }
        JsonNode job = root().follower().follow(jobId);
        if (showPath == null) {
            output().one(job, JOB_COLUMNS);
        } else {
            output().one(api().read(showPath + Api.segment(id)), columns);
        }
        return ExitCode.OK;
    }

    /** Prints a custom resource for {@code --dry-run --kubernetes}; without {@code --dry-run} that is bad input. */
    int resource(String yaml) {
        if (!api().dryRun()) {
            throw CliException.badInput("--kubernetes prints the custom resource instead of sending the request: give "
                    + "--dry-run too.");
        }
        root().session().out().print(yaml);
        root().session().out().flush();
        return ExitCode.OK;
    }

    /** Prints the resource a request answered with (nothing with {@code --dry-run}, which printed the request). */
    int answer(JsonNode answer, List<Column> columns) {
        if (answer != null) {
            output().one(answer, columns);
        }
        return ExitCode.OK;
    }

    /** Prints what {@code GET path} answers: a list or one resource (with {@code --dry-run}, the request). */
    int show(String path, List<Column> columns) {
        JsonNode answer = api().call("GET", path, null);
        if (answer != null) {
            if (answer.isArray()) {
                output().list(answer, columns);
            } else {
                output().one(answer, columns);
            }
        }
        return ExitCode.OK;
    }

    /**
     * The id of a resource of {@code collection} (e.g. {@code /sources}) given by id or name, for paths that take ids
     * only; a {@link ExitCode#NOT_FOUND} failure naming the list command when there is none.
     */
    String idOf(String collection, String idOrName, String listCommand) {
        for (JsonNode item : api().read(collection)) {
            if (idOrName.equals(item.path("id").asText()) || idOrName.equals(item.path("name").asText())) {
                return item.path("id").asText();
            }
        }
        throw new CliException(ExitCode.NOT_FOUND, "No " + collection.substring(1, collection.length() - 1) + " has "
                + "the id or name '" + idOrName + "'; `" + listCommand + "` lists them.");
    }

    /**
     * A dataset given by the name of a resource of {@code collections} (e.g. {@code /sources}) becomes its id, for
     * paths that take ids only; anything else (an id, a name the server resolves) goes as given.
     */
    String datasetId(String dataset, String... collections) {
        for (String collection : collections) {
            for (JsonNode item : api().read(collection)) {
                if (dataset.equals(item.path("name").asText())) {
                    return item.path("id").asText();
                }
            }
        }
        return dataset;
    }

    /**
     * A secret: one line of standard input with {@code --stdin}, otherwise asked for on the terminal, never echoed.
     */
    String secret(boolean fromStdin, String what) {
        if (fromStdin) {
            return root().session().readLine();
        }
        char[] typed = root().session().secrets().ask(what + ": ");
        if (typed == null) {
            throw CliException.badInput("No terminal to ask for the " + what.toLowerCase(java.util.Locale.ROOT)
                    + ": pipe it into strata with --stdin.");
        }
        if (typed.length == 0) {
            throw CliException.badInput("The " + what.toLowerCase(java.util.Locale.ROOT) + " is empty.");
        }
        return new String(typed);
    }

    /** A subset as the API takes it, read from a JSON file; bad input when it cannot be read. */
    Object subsetFile(Path file) {
        return jsonFile(file, "the subset", "{\"roots\": [{\"table\": \"patients\", \"percent\": 10}]}");
    }

    /** A JSON file's content; bad input naming {@code what} it should hold and an {@code example} when unreadable. */
    JsonNode jsonFile(Path file, String what, String example) {
        try {
            return root().json().readTree(Files.readString(file));
        } catch (IOException e) {
            String why = e instanceof java.nio.file.NoSuchFileException ? "there is no such file" : e.getMessage();
            throw CliException.badInput("Cannot read " + what + " from " + file + ": " + why + ". Give a JSON file "
                    + "such as " + example + ".");
        }
    }
}
