package io.strata.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.strata.kubernetes.v1alpha1.Bookmark;
import io.strata.kubernetes.v1alpha1.DataPod;
import io.strata.kubernetes.v1alpha1.Environment;
import io.strata.kubernetes.v1alpha1.MaskedDataset;
import io.strata.kubernetes.v1alpha1.MaskingRuleset;
import io.strata.kubernetes.v1alpha1.PodActivate;
import io.strata.kubernetes.v1alpha1.PodRefresh;
import io.strata.kubernetes.v1alpha1.PodReset;
import io.strata.kubernetes.v1alpha1.PodRestore;
import io.strata.kubernetes.v1alpha1.PodUndo;
import io.strata.kubernetes.v1alpha1.Source;
import io.strata.kubernetes.v1alpha1.VdbRefresh;
import io.strata.kubernetes.v1alpha1.VdbRewind;
import io.strata.kubernetes.v1alpha1.VdbSnapshot;
import io.strata.kubernetes.v1alpha1.VirtualDatabase;

/**
 * The examples users copy are read by the model as the operators read them: every Strata resource in
 * {@code examples/kubernetes} deserializes into its class, and a field the model does not know fails.
 */
class ExamplesTest {

    private static final Path EXAMPLES = Path.of("../examples/kubernetes");
    private static final Map<String, Class<?>> KINDS = Map.ofEntries(Map.entry("VirtualDatabase",
            VirtualDatabase.class), Map.entry("VdbRefresh", VdbRefresh.class), Map.entry("VdbRewind", VdbRewind.class),
            Map.entry("VdbSnapshot", VdbSnapshot.class), Map.entry("DataPod", DataPod.class), Map.entry("PodReset",
                    PodReset.class),
            Map.entry("PodUndo", PodUndo.class), Map.entry("PodRefresh", PodRefresh.class),
            Map.entry("PodRestore", PodRestore.class), Map.entry("PodActivate", PodActivate.class), Map.entry(
                    "Bookmark", Bookmark.class),
            Map.entry("Environment", Environment.class), Map.entry("Source",
                    Source.class),
            Map.entry("MaskingRuleset", MaskingRuleset.class), Map.entry(
                    "MaskedDataset", MaskedDataset.class));

    private final KubernetesSerialization serialization = new KubernetesSerialization();

    private static List<Path> strataResources() throws IOException {
        try (Stream<Path> files = Files.walk(EXAMPLES)) {
            return files.filter(file -> file.toString().endsWith(".yaml")).filter(file -> {
                try {
                    return Files.readString(file).contains("apiVersion: strata.io/");
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).sorted().toList();
        }
    }

    @Test
    void everyExampleDeserializesIntoItsClass() throws IOException {
        List<Path> files = strataResources();
        assertThat(files).extracting(file -> file.getFileName().toString()).contains("virtualdatabase.yaml",
                "virtualdatabase-in-pod.yaml", "vdbrefresh.yaml", "datapod.yaml", "podreset.yaml", "podundo.yaml",
                "podrestore.yaml",
                "podactivate.yaml", "vdbsnapshot.yaml", "environment.yaml",
                "source.yaml", "source-staged-in-pod.yaml", "maskingruleset.yaml", "maskeddataset.yaml");
        for (Path file : files) {
            String yaml = Files.readString(file);
            String kind = yaml.lines().filter(line -> line.startsWith("kind: ")).findFirst().orElseThrow()
                    .substring("kind: ".length()).trim();
            assertThat(KINDS).as("%s: kind %s", file, kind).containsKey(kind);
            Object resource = serialization.unmarshal(yaml, KINDS.get(kind));
            assertThat(resource).as("%s", file).isInstanceOf(KINDS.get(kind));
        }
    }

    @Test
    void theVirtualDatabaseExampleSaysWhatItsCommentSays() throws IOException {
        VirtualDatabase vdb = serialization.unmarshal(Files.readString(EXAMPLES.resolve("virtualdatabase.yaml")),
                VirtualDatabase.class);

        assertThat(vdb.getMetadata().getName()).isEqualTo("clinic-qa");
        assertThat(vdb.getSpec().getFrom().getDataset()).isEqualTo("clinic");
        assertThat(vdb.getSpec().getParameters()).containsEntry("max_connections", "50");
    }

    @Test
    void theSourceExampleKeepsItsPasswordInASecret() throws IOException {
        String yaml = Files.readString(EXAMPLES.resolve("source.yaml"));
        Source source = serialization.unmarshal(yaml, Source.class);

        assertThat(source.getSpec().getConnection().getPasswordSecret().getName()).isEqualTo("clinic-source");
        assertThat(source.getSpec().getConnection().getPasswordSecret().getKey()).isEqualTo("password");
        assertThat(source.getSpec().getEnvironment()).isEqualTo("db1");
        assertThat(yaml).doesNotContainPattern("(?m)^\\s*password:");
        Environment environment = serialization.unmarshal(Files.readString(EXAMPLES.resolve("environment.yaml")),
                Environment.class);
        assertThat(environment.getSpec().getPrivateKeySecret().getKey()).isEqualTo("id_ed25519");
        Source staged = serialization.unmarshal(Files.readString(EXAMPLES.resolve("source-staged-in-pod.yaml")),
                Source.class);
        assertThat(staged.getSpec().getStaging().getPod()).isNotNull();
        assertThat(staged.getSpec().getStaging().getEnvironment()).isNull();
    }

    @Test
    void theMaskingExamplesNameEachOtherAndKeepTheirParams() throws IOException {
        MaskingRuleset ruleset = serialization.unmarshal(Files.readString(EXAMPLES.resolve("maskingruleset.yaml")),
                MaskingRuleset.class);
        MaskedDataset dataset = serialization.unmarshal(Files.readString(EXAMPLES.resolve("maskeddataset.yaml")),
                MaskedDataset.class);

        assertThat(ruleset.getSpec().getRules()).hasSize(4);
        assertThat(ruleset.getSpec().getRules().get(0).getParams().get("dictionary").getValue()).isEqualTo(
                "first-names");
        assertThat(dataset.getSpec().getRuleset()).isEqualTo(ruleset.getMetadata().getName());
        assertThat(dataset.getSpec().getSource()).isEqualTo("clinic");
    }

    @Test
    void aMisspelledFieldIsRefused() {
        String yaml = "apiVersion: strata.io/v1alpha1\nkind: VirtualDatabase\nmetadata:\n  name: x\nspec:\n  form:\n"
                + "    dataset: clinic\n";

        assertThatThrownBy(() -> serialization.unmarshal(yaml, VirtualDatabase.class))
                .hasMessageContaining("form");
    }
}
