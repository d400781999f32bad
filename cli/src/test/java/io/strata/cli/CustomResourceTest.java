package io.strata.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * {@code --dry-run --kubernetes} prints the custom resource of a create request, whose fields are those of the CRD the
 * operators serve (read from {@code deploy/kubernetes/00-crds}), and sends nothing.
 */
class CustomResourceTest {

    private static final YAMLMapper YAML = new YAMLMapper();
    /** An action's name: its target's, its kind's and the moment's. */
    private static final String ACTION = "action";

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "vdb create qa_1 --from-dataset clinic --timestamp 2026-12-04T19:00:00Z --environment host-2 --port 6000 "
                    + "--param maxConnections=20|virtualdatabases.yaml|VirtualDatabase|qa-1|5",
            "pod create qa --template clinic-apps --owner dev --owner ops --expires-at 2026-12-31T00:00:00Z "
                    + "--protected|datapods.yaml|DataPod|qa|5",
            "pod bookmark qa Before_Test --tag bug --shared --expires-at 2026-12-31T00:00:00Z|bookmarks.yaml|Bookmark|"
                    + "before-test|5",
            "pod restore qa --timestamp 2026-12-04T19:00:00Z|podrestores.yaml|PodRestore|" + ACTION + "|2",
            "pod reset qa|podresets.yaml|PodReset|" + ACTION + "|1",
            "pod undo qa|podundoes.yaml|PodUndo|" + ACTION + "|1",
            "pod refresh qa|podrefreshes.yaml|PodRefresh|" + ACTION + "|1",
            "pod activate qa fix-1|podactivates.yaml|PodActivate|" + ACTION + "|2",
            "vdb refresh qa --snapshot snap-1|vdbrefreshes.yaml|VdbRefresh|" + ACTION + "|2",
            "vdb rewind qa --bookmark before-test|vdbrewinds.yaml|VdbRewind|" + ACTION + "|2",
            "vdb snapshot qa|vdbsnapshots.yaml|VdbSnapshot|" + ACTION + "|1"})
    void theResourceHasTheRequestsFieldsAndOnlyFieldsOfTheCrd(String command, String crd, String kind, String name,
            int fields) throws Exception {
        FakeServer server = new FakeServer();
        List<String> args = new ArrayList<>(List.of(command.split(" ")));
        args.addAll(List.of("--dry-run", "--kubernetes"));

        FakeServer.Run run = server.run(args.toArray(new String[0]));

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(server.sent()).isEmpty();
        JsonNode resource = YAML.readTree(run.out());
        assertThat(resource.path("apiVersion").asText()).isEqualTo("strata.io/v1alpha1");
        assertThat(resource.path("kind").asText()).isEqualTo(kind);
        String expectedName = ACTION.equals(name)
                ? "qa-" + kind.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT)
                        + "-[0-9]{8}-[0-9]{6}"
                : name;
        assertThat(resource.path("metadata").path("name").asText()).matches(expectedName);
        JsonNode schema = YAML.readTree(Path.of("..", "deploy", "kubernetes", "00-crds", crd).toFile()).path("spec")
                .path("versions").path(0).path("schema").path("openAPIV3Schema").path("properties").path("spec");
        assertThat(schema.path("properties").isObject()).as(crd).isTrue();
        resource.path("spec").fieldNames().forEachRemaining(field -> assertThat(schema.path("properties").has(field))
                .as(kind + " spec." + field + " in " + crd).isTrue());
        assertThat(resource.path("spec").size()).isEqualTo(fields);
    }

    @ParameterizedTest
    @CsvSource({"vdb create qa --from-dataset clinic --kubernetes", "pod create qa --template t --kubernetes"})
    void withoutDryRunItIsBadInput(String command) {
        FakeServer server = new FakeServer();

        FakeServer.Run run = server.run(command.split(" "));

        assertThat(run.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(run.err()).contains("give --dry-run too").hasLineCount(1);
        assertThat(server.sent()).isEmpty();
    }
}
