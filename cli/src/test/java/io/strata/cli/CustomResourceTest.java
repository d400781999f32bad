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

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "vdb create qa_1 --from-dataset clinic --timestamp 2026-12-04T19:00:00Z --environment host-2 --port 6000 "
                    + "--param maxConnections=20|virtualdatabases.yaml|VirtualDatabase|qa-1",
            "pod create qa --template clinic-apps --owner dev --owner ops --expires-at 2026-12-31T00:00:00Z "
                    + "--protected|datapods.yaml|DataPod|qa"})
    void theResourceHasTheRequestsFieldsAndOnlyFieldsOfTheCrd(String command, String crd, String kind, String name)
            throws Exception {
        FakeServer server = new FakeServer();
        List<String> args = new ArrayList<>(List.of(command.split(" ")));
        args.addAll(List.of("--dry-run", "--kubernetes"));

        FakeServer.Run run = server.run(args.toArray(new String[0]));

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(server.sent()).isEmpty();
        JsonNode resource = YAML.readTree(run.out());
        assertThat(resource.path("apiVersion").asText()).isEqualTo("strata.io/v1alpha1");
        assertThat(resource.path("kind").asText()).isEqualTo(kind);
        assertThat(resource.path("metadata").path("name").asText()).isEqualTo(name);
        JsonNode schema = YAML.readTree(Path.of("..", "deploy", "kubernetes", "00-crds", crd).toFile()).path("spec")
                .path("versions").path(0).path("schema").path("openAPIV3Schema").path("properties").path("spec");
        assertThat(schema.path("properties").isObject()).as(crd).isTrue();
        resource.path("spec").fieldNames().forEachRemaining(field -> assertThat(schema.path("properties").has(field))
                .as(kind + " spec." + field + " in " + crd).isTrue());
        assertThat(resource.path("spec").size()).isGreaterThanOrEqualTo(5);
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
