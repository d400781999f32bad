package io.strata.cli;

import java.util.List;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code strata template}: named sets of datasets that data pods are made of. */
@Command(name = "template", description = "Templates: the datasets a data pod gets one virtual database of each.")
final class TemplateCommand extends ApiCommand {

    static final List<Column> COLUMNS = List.of(Column.of("NAME", "name"), Column.of("ID", "id"), Column.of(
            "CREATED", "createdAt"));
    private static final String TEMPLATES = "/templates/";

    @Command(name = "list", description = "List the templates.")
    int list() {
        return show("/templates", COLUMNS);
    }

    @Command(name = "show", description = "Show one template.")
    int show(@Parameters(paramLabel = "TEMPLATE", description = "Its name or id.") String template) {
        return show(TEMPLATES + Api.segment(template), COLUMNS);
    }

    @Command(name = "create", description = "Make a template of sources and masked datasets.")
    int create(@Parameters(paramLabel = "NAME") String name,
            @Option(names = "--dataset", required = true, paramLabel = "DATASET", description = "A source or masked "
                    + "dataset, by id or name (repeatable).") List<String> datasets) {
        return answer(api().call("POST", "/templates", new Body().with("name", name).with("datasets", datasets)),
                COLUMNS);
    }

    @Command(name = "delete", description = "Delete a template (its data pods stay).")
    int delete(@Parameters(paramLabel = "TEMPLATE", description = "Its name or id.") String template) {
        api().call("DELETE", TEMPLATES + Api.segment(template), null);
        return ExitCode.OK;
    }
}
