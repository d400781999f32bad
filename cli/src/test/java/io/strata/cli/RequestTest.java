package io.strata.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** What each command sends: method, path and body, names turned into ids where a path takes ids only, dry runs. */
class RequestTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ACCEPTED = "{\"id\":\"vdb-1\",\"jobId\":\"j-1\"}";

    @Test
    void createSendsOnlyWhatWasGiven() throws Exception {
        FakeServer server = new FakeServer().answer("POST /vdbs", 202, ACCEPTED);

        FakeServer.Run run = server.run("vdb", "create", "qa", "--from-dataset", "clinic", "--port", "6000",
                "--param", "work_mem=64MB");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Accepted: vdb-1, job j-1", "strata job watch j-1");
        FakeServer.Sent sent = server.sent().get(0);
        assertThat(sent.headers()).containsEntry("Authorization", "Bearer test-token").containsEntry("Content-Type",
                "application/json");
        assertThat(JSON.readTree(sent.body())).isEqualTo(JSON.readTree("{\"name\":\"qa\",\"from\":{\"dataset\":"
                + "\"clinic\"},\"port\":6000,\"parameters\":{\"work_mem\":\"64MB\"}}"));
    }

    @Test
    void aDryRunPrintsTheRequestWithSecretsMaskedAndSendsNothing() {
        FakeServer server = new FakeServer();

        FakeServer.Run run = server.runWithInput("the-password\n", "source", "link", "crm", "--host", "db.example",
                "--database", "crm", "--user", "app", "--stdin", "--log-sync", "--dry-run", "--wait");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("POST http://strata.test:8080/api/v1/sources").contains(
                "\"password\" : \"********\"", "\"logSync\" : true", "\"host\" : \"db.example\"").doesNotContain(
                        "the-password");
        assertThat(server.sent()).isEmpty();
    }

    @Test
    void aMariadbSourceIsLinkedWithItsEngineAndTheHelpNamesIt() throws Exception {
        FakeServer server = new FakeServer().answer("POST /sources", 202, "{\"id\":\"src-3\",\"jobId\":\"j-3\"}");

        FakeServer.Run run = server.runWithInput("lp\n", "source", "link", "chinook", "--engine", "mariadb", "--host",
                "db.example", "--port", "3306", "--database", "Chinook", "--user", "linker", "--stdin");

        assertThat(run.exitCode()).isZero();
        assertThat(JSON.readTree(server.sent().get(0).body()).path("engine").asText()).isEqualTo("mariadb");
        assertThat(server.run("source", "link", "--help").out()).contains("postgresql (default), mariadb or files");
    }

    @Test
    void aSourceNamedIsSyncedByItsIdAndAnUnknownOneIsNotFound() {
        FakeServer server = new FakeServer().answer("GET /sources", 200, "[{\"id\":\"src-9\",\"name\":\"clinic\"}]")
                .answer("POST /sources/src-9/sync", 202, "{\"id\":\"src-9\",\"jobId\":\"j-2\"}");

        assertThat(server.run("source", "sync", "clinic").exitCode()).isZero();
        assertThat(server.sent()).extracting(FakeServer.Sent::path).containsExactly("/sources", "/sources/src-9/sync");

        FakeServer.Run unknown = server.run("source", "sync", "crm");
        assertThat(unknown.exitCode()).isEqualTo(ExitCode.NOT_FOUND);
        assertThat(unknown.err()).contains("No source has the id or name 'crm'", "strata source list");
    }

    @Test
    void namesInPathsAreEncodedAndPodOperationsGoToTheirPaths() {
        FakeServer server = new FakeServer().answer("POST /datapods/qa%20pod/branches/fix%2F1/activate", 202,
                "{\"id\":\"pod-1\",\"jobId\":\"j-3\"}").answer("POST /datapods/qa%20pod/restore", 202,
                        "{\"id\":\"pod-1\",\"jobId\":\"j-4\"}");

        assertThat(server.run("pod", "activate", "qa pod", "fix/1").exitCode()).isZero();
        assertThat(server.run("pod", "restore", "qa pod", "--bookmark", "bug-17").exitCode()).isZero();
        assertThat(server.sent().get(1).body()).isEqualTo("{\"bookmark\":\"bug-17\"}");
    }

    @Test
    void theOperationsOnOneResourceTakeItsNameAndWait() {
        FakeServer server = new FakeServer().answer("POST /datapods/qa/undo", 202, "{\"id\":\"pod-1\",\"jobId\":"
                + "\"j-5\"}").answer("GET /jobs/j-5", 200, "{\"id\":\"j-5\",\"state\":\"SUCCEEDED\"}").answer(
                        "GET /datapods/pod-1", 200, "{\"id\":\"pod-1\",\"name\":\"qa\",\"status\":\"READY\"}")
                .answer("DELETE /vdbs/dev", 202, ACCEPTED);

        FakeServer.Run undo = server.run("pod", "undo", "qa", "--wait");
        FakeServer.Run delete = server.run("vdb", "delete", "dev");

        assertThat(undo.exitCode()).isZero();
        assertThat(undo.out()).contains("qa", "pod-1", "READY");
        assertThat(delete.out()).contains("Accepted: vdb-1, job j-1");
        assertThat(server.sent()).extracting(sent -> sent.method() + " " + sent.path()).containsExactly(
                "POST /datapods/qa/undo", "GET /jobs/j-5", "GET /datapods/pod-1", "DELETE /vdbs/dev");
    }

    @Test
    void shareWithoutUsersSharesWithEveryone() throws Exception {
        FakeServer server = new FakeServer().answer("POST /bookmarks/bug-17/share", 200, "{\"id\":\"b-1\",\"name\":"
                + "\"bug-17\",\"shared\":true}");

        FakeServer.Run run = server.run("bookmark", "share", "bug-17");

        assertThat(run.exitCode()).isZero();
        assertThat(JSON.readTree(server.sent().get(0).body())).isEqualTo(JSON.createObjectNode());
        assertThat(run.out()).contains("bug-17", "true");
    }

    @Test
    void theCompletionScriptCoversEveryGroup() {
        FakeServer.Run run = new FakeServer().run("completion");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("complete -F", "strata", "vdb", "pod", "bookmark", "--from-dataset");
    }

    @Test
    void maskingReachesNestedSecrets() throws Exception {
        JsonNode masked = Api.masked(JSON.readTree("{\"credentials\":{\"privateKey\":\"k\",\"password\":null},"
                + "\"list\":[{\"token\":\"t\"}]}"));

        assertThat(masked.toString()).isEqualTo("{\"credentials\":{\"privateKey\":\"********\",\"password\":null},"
                + "\"list\":[{\"token\":\"********\"}]}");
    }
}
