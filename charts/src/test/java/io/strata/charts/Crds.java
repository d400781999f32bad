package io.strata.charts;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;

/** The custom resource definitions the chart ships in {@code crds/}, which helm installs before anything else. */
final class Crds {

    static final Path DIR = Chart.DIR.resolve("crds");

    private Crds() {
    }

    /** Every definition in the chart's {@code crds/}. */
    static List<CustomResourceDefinition> all() {
        List<CustomResourceDefinition> definitions = new ArrayList<>();
        try (Stream<Path> files = Files.list(DIR)) {
            for (Path file : files.sorted().toList()) {
                try (InputStream in = Files.newInputStream(file)) {
                    definitions.add(Chart.SERIALIZATION.unmarshal(in, CustomResourceDefinition.class));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return definitions;
    }

    /** Creates the definitions the API server lacks and waits until each is established. */
    static void install(KubernetesClient admin) {
        for (CustomResourceDefinition definition : all()) {
            var resource = admin.apiextensions().v1().customResourceDefinitions().withName(definition.getMetadata()
                    .getName());
            if (resource.get() == null) {
                admin.apiextensions().v1().customResourceDefinitions().resource(definition).create();
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> established(resource.get()));
        }
    }

    /** Whether the API server serves a definition's resources. */
    static boolean established(CustomResourceDefinition definition) {
        return definition != null && definition.getStatus() != null && definition.getStatus().getConditions()
                .stream().anyMatch(condition -> "Established".equals(condition.getType()) && "True".equals(
                        condition.getStatus()));
    }
}
