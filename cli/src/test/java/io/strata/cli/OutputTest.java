package io.strata.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

/** A list as a table of aligned columns, or as the server's JSON, as JSON or YAML. */
class OutputTest {

    private static final String VDBS = "[{\"id\":\"vdb-1\",\"name\":\"qa\",\"status\":\"RUNNING\",\"engine\":"
            + "\"postgresql\",\"connection\":{\"host\":\"127.0.0.1\",\"port\":6001,\"database\":\"clinic\"},"
            + "\"parent\":\"src-1\",\"owner\":null,\"extra\":1},{\"id\":\"vdb-22\",\"name\":\"development\","
            + "\"status\":\"STOPPED\",\"engine\":\"postgresql\",\"connection\":{\"host\":\"127.0.0.1\",\"port\":6002,"
            + "\"database\":\"clinic\"},\"parent\":\"src-1\",\"owner\":\"dev\"}]";

    private final FakeServer server = new FakeServer().answer("GET /vdbs", 200, VDBS);

    @Test
    void aTableHasAHeaderAndAlignedColumnsAndADashForNothing() {
        FakeServer.Run run = server.run("vdb", "list");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out().lines()).containsExactly(
                "NAME         ID      STATUS   ENGINE      HOST       PORT  DATABASE  PARENT  OWNER",
                "qa           vdb-1   RUNNING  postgresql  127.0.0.1  6001  clinic    src-1   -",
                "development  vdb-22  STOPPED  postgresql  127.0.0.1  6002  clinic    src-1   dev");
    }

    @Test
    void jsonIsTheServersAnswerWithEveryField() throws Exception {
        FakeServer.Run run = server.run("vdb", "list", "-o", "json");

        ObjectMapper json = new ObjectMapper();
        assertThat(json.readTree(run.out())).isEqualTo(json.readTree(VDBS));
    }

    @Test
    void yamlToo() {
        FakeServer.Run run = server.run("-o", "yaml", "vdb", "list");

        assertThat(run.out()).contains("- id: \"vdb-1\"", "  name: \"qa\"", "    port: 6001", "  extra: 1");
    }

    @Test
    void anEmptyListIsItsHeader() {
        FakeServer.Run run = new FakeServer().answer("GET /datapods", 200, "[]").run("pod", "list");

        assertThat(run.out().lines()).singleElement().asString().startsWith("NAME  ID  STATUS  TEMPLATE");
    }

    @Test
    void aPodShowsItsVirtualDatabasesByName() {
        FakeServer.Run run = new FakeServer().answer("GET /datapods/qa", 200, "{\"id\":\"pod-1\",\"name\":\"qa\","
                + "\"vdbs\":[{\"dataset\":\"a\",\"vdbName\":\"qa-a\"},{\"dataset\":\"b\",\"vdbName\":\"qa-b\"}]}")
                .run("pod", "show", "qa");

        assertThat(run.out()).contains(" qa-a,qa-b ");
    }
}
