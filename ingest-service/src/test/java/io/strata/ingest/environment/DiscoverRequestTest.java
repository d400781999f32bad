package io.strata.ingest.environment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.strata.ingest.environment.DiscoverRequest.Connection;

/** A discovery request read from the JSON callers send, and what of it reaches a plugin and a log line. */
class DiscoverRequestTest {

    @Test
    void theDocumentedShapeIsReadAndThePasswordGoesOnlyToTheSecrets() throws Exception {
        DiscoverRequest request = new ObjectMapper().readValue("""
                {"postgresql": {"connection": {"host": "10.0.0.5", "port": 5433, "user": "postgres",
                "password": "s3cret"}}, "files": {}}""", DiscoverRequest.class);

        Connection connection = request.connections().get("postgresql");
        assertThat(connection.fields()).containsExactly(Map.entry("host", "10.0.0.5"), Map.entry("port", 5433),
                Map.entry("user", "postgres"));
        assertThat(connection.secrets()).containsExactly(Map.entry("connection.password", "s3cret"));
        assertThat(request.others()).containsOnlyKeys("files");
        assertThat(request.toString()).as("the password stays out of logs").doesNotContain("s3cret")
                .contains("password redacted");
    }

    @Test
    void aMariaDbConnectionReachesTheMariaDbPluginOnly() throws Exception {
        DiscoverRequest request = new ObjectMapper().readValue("""
                {"mariadb": {"connection": {"host": "10.0.0.6", "port": 3307, "user": "linker",
                "password": "m4ria"}}}""", DiscoverRequest.class);

        assertThat(request.connections()).containsOnlyKeys("mariadb");
        assertThat(request.connections().get("mariadb").fields()).containsExactly(Map.entry("host", "10.0.0.6"), Map
                .entry("port", 3307), Map.entry("user", "linker"));
        assertThat(request.connections().get("mariadb").secrets()).containsExactly(Map.entry("connection.password",
                "m4ria"));
        assertThat(request.others()).isEmpty();
        assertThat(request.toString()).doesNotContain("m4ria");
    }

    @Test
    void withoutAConnectionNothingButInstallationsIsLookedFor() {
        assertThat(DiscoverRequest.NONE.connections()).isEmpty();
        assertThat(new Connection(null, null, null, "postgres", null).secrets()).isEmpty();
    }
}
