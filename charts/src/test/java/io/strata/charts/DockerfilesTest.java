package io.strata.charts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;

/**
 * The images the chart runs: one Dockerfile per service in Quarkus's layout, exposing the port its
 * application.properties sets (which the chart uses too), run by an unprivileged user, and the storage node's with
 * the pool's and the exports' tools, run by root. No image is built here (there is no Docker): these are checks of
 * the files only.
 */
class DockerfilesTest {

    /** Each chart component's module. */
    private static final Map<String, String> MODULES = Map.of("router", "router", "ingest", "ingest-service",
            "storage-node", "snapshot-service", "masking", "masking-service", "provisioning", "provisioning-service",
            "catalog", "catalog-service");

    @Test
    void eachServiceHasADockerfileInQuarkusLayoutExposingItsPortAsAnUnprivilegedUser() {
        MODULES.forEach((component, module) -> {
            int port = httpPort(module);
            String dockerfile = Chart.read(module + "/src/main/docker/Dockerfile.jvm");

            assertThat(port).as("%s's port in the chart", module).isEqualTo(ChartTemplateTest.PORTS.get(component));
            assertThat(dockerfile).as(module).containsPattern("(?m)^FROM \\S*17\\S*jre").contains(
                    "COPY target/quarkus-app/lib/ /deployments/lib/", "COPY target/quarkus-app/*.jar /deployments/",
                    "COPY target/quarkus-app/app/ /deployments/app/",
                    "COPY target/quarkus-app/quarkus/ /deployments/quarkus/", "EXPOSE " + port + "\n",
                    "USER 1001\n", "/deployments/quarkus-run.jar");
        });
        assertThat(Chart.read("ingest-service/src/main/docker/Dockerfile.jvm")).as("psql, for sources staged in pods")
                .contains("postgresql-client");
    }

    @Test
    void theStorageNodeImageHasTheToolsOfThePoolAndTheExportsAndRunsAsRoot() {
        String dockerfile = Chart.read("snapshot-service/src/main/docker/Dockerfile.storage-node");

        assertThat(dockerfile).contains("openjdk-17-jre-headless", "btrfs-progs", "nfs-ganesha ", "nfs-ganesha-vfs",
                "libnfs-utils", "COPY target/quarkus-app/lib/ /deployments/lib/", "EXPOSE 8082 2049\n",
                "USER root\n", "STRATA_SNAPSHOT_POOL_DRIVER=btrfs");
        for (String program : List.of("mount", "procps")) {
            assertThat(dockerfile).as("the package of %s", program).containsPattern(" " + program + "\\b");
        }
    }

    private static int httpPort(String module) {
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(Chart.read(module + "/src/main/resources/application.properties")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Integer.parseInt(properties.getProperty("quarkus.http.port"));
    }
}
