package io.strata.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The CRDs committed for those who install without building (the plain manifests and the chart) are the ones the
 * build generates from the Java model: a field added to a spec without {@code make crds} fails here.
 */
class CustomResourceDefinitionsTest {

    private static final Path GENERATED = Path.of("target/classes/META-INF/fabric8");
    private static final List<Path> COMMITTED = List.of(Path.of("../deploy/kubernetes/00-crds"),
            Path.of("../charts/strata/crds"));

    private static List<Path> generated() throws IOException {
        try (Stream<Path> files = Files.list(GENERATED)) {
            return files.filter(file -> file.toString().endsWith("-v1.yml")).sorted().toList();
        }
    }

    /** A generated file's committed name: {@code virtualdatabases.strata.io-v1.yml} → {@code virtualdatabases.yaml}. */
    static String committedName(Path generated) {
        return generated.getFileName().toString().replace(".strata.io-v1.yml", ".yaml");
    }

    @Test
    void everyResourceOfTheModelHasAGeneratedDefinition() throws IOException {
        assertThat(generated()).extracting(CustomResourceDefinitionsTest::committedName)
                .contains("virtualdatabases.yaml", "environments.yaml", "sources.yaml", "maskingrulesets.yaml",
                        "maskeddatasets.yaml");
    }

    @Test
    void theCommittedDefinitionsAreTheGeneratedOnes() throws IOException {
        for (Path directory : COMMITTED) {
            for (Path file : generated()) {
                Path committed = directory.resolve(committedName(file));
                assertThat(committed).as("%s is missing: run make crds", committed).exists();
                assertThat(Files.readString(committed)).as("%s differs from the model: run make crds", committed)
                        .isEqualTo(Files.readString(file));
            }
            try (Stream<Path> files = Files.list(directory)) {
                List<String> expected = generated().stream().map(CustomResourceDefinitionsTest::committedName)
                        .toList();
                assertThat(files.map(file -> file.getFileName().toString()).toList())
                        .as("%s holds a definition no class generates: run make crds", directory)
                        .allMatch(expected::contains);
            }
        }
    }
}
