package io.strata.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;

/** {@code strata masked}: what each command sends, the source named turned into its id, a subset from a file. */
class MaskedCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void createNamesTheSourceByIdAndSendsTheSubsetFileAndTheRoles(@TempDir Path directory) throws Exception {
        Path subset = Files.writeString(directory.resolve("subset.json"), "{\"roots\": [{\"table\": \"patients\", "
                + "\"percent\": 10}]}");
        FakeServer server = new FakeServer().answer("GET /sources", 200, "[{\"id\":\"src-9\",\"name\":\"clinic\"}]")
                .answer("POST /masked-datasets", 202, "{\"id\":\"md-1\",\"jobId\":\"j-1\"}");

        FakeServer.Run run = server.run("masked", "create", "clinic-masked", "--source", "clinic", "--ruleset",
                "clinic-pii", "--keep-passwords", "--disable-role", "reporting", "--subset", subset.toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Accepted: md-1, job j-1");
        assertThat(JSON.readTree(server.sent().get(1).body())).isEqualTo(JSON.readTree("{\"name\":\"clinic-masked\","
                + "\"source\":\"src-9\",\"ruleset\":\"clinic-pii\",\"resetUsers\":false,\"disableRoles\":"
                + "[\"reporting\"],\"subset\":{\"roots\":[{\"table\":\"patients\",\"percent\":10}]}}"));
    }

    @Test
    void aSubsetFileThatCannotBeReadIsBadInputAndNothingIsSent(@TempDir Path directory) {
        FakeServer server = new FakeServer().answer("GET /sources", 200, "[{\"id\":\"src-9\",\"name\":\"clinic\"}]");

        FakeServer.Run run = server.run("masked", "create", "m", "--source", "clinic", "--ruleset", "r", "--subset",
                directory.resolve("missing.json").toString());

        assertThat(run.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(run.err()).contains("Cannot read the subset from", "\"roots\"");
        assertThat(server.sent()).extracting(FakeServer.Sent::method).containsOnly("GET");
    }

    @Test
    void refreshWaitsForTheJobAndShowsTheMaskedDataset() {
        FakeServer server = new FakeServer().answer("POST /masked-datasets/clinic-masked/refresh", 202,
                "{\"id\":\"md-1\",\"jobId\":\"j-2\"}").answer("GET /jobs/j-2", 200,
                        "{\"id\":\"j-2\",\"state\":"
                                + "\"SUCCEEDED\"}")
                .answer("GET /masked-datasets/md-1", 200, "{\"id\":\"md-1\",\"name\":\"clinic-masked\","
                        + "\"latestSnapshot\":\"snap-7\"}");

        FakeServer.Run run = server.run("masked", "refresh", "clinic-masked", "--wait");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("clinic-masked", "snap-7");
    }

    @Test
    void syncFollowsTheMaskingTheSourcesSyncStartedAndStartsNoOther() {
        FakeServer server = new FakeServer().answer("GET /masked-datasets/clinic-masked", 200, "{\"id\":\"md-1\","
                + "\"name\":\"clinic-masked\",\"source\":\"src-9\",\"snapshots\":[{\"sourceSnapshot\":\"snap-1\","
                + "\"status\":\"SUCCEEDED\",\"jobId\":\"j-1\"},{\"sourceSnapshot\":\"snap-2\",\"status\":"
                + "\"RUNNING\",\"jobId\":\"j-2\"}]}")
                .answer("GET /sources/src-9", 200, "{\"id\":\"src-9\",\"lastSnapshot\":\"snap-2\"}")
                .answer("GET /jobs/j-2", 200, "{\"id\":\"j-2\",\"state\":\"SUCCEEDED\"}");
        server.answer("GET /masked-datasets/clinic-masked", 200, "{\"id\":\"md-1\",\"name\":"
                + "\"clinic-masked\",\"source\":\"src-9\",\"latestSnapshot\":\"masked-2\",\"snapshots\":"
                + "[{\"sourceSnapshot\":\"snap-2\",\"status\":\"SUCCEEDED\",\"jobId\":\"j-2\"}]}");

        FakeServer.Run run = server.run("masked", "sync", "clinic-masked");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("masked-2");
        assertThat(server.sent()).extracting(FakeServer.Sent::method).containsOnly("GET");
    }

    @Test
    void syncStartsAMaskingWhenNoneComes() {
        FakeServer server = new FakeServer().answer("GET /masked-datasets/m", 200, "{\"id\":\"md-1\",\"name\":"
                + "\"m\",\"source\":\"src-9\",\"snapshots\":[]}").answer("GET /sources/src-9", 200,
                        "{\"id\":\"src-9\",\"lastSnapshot\":\"snap-3\"}")
                .answer("POST /masked-datasets/m/refresh", 202, "{\"id\":\"md-1\",\"jobId\":\"j-3\"}")
                .answer("GET /jobs/j-3", 200, "{\"id\":\"j-3\",\"state\":\"SUCCEEDED\"}");
        server.answer("GET /masked-datasets/m", 200, "{\"id\":\"md-1\",\"name\":\"m\",\"source\":"
                + "\"src-9\",\"snapshots\":[{\"sourceSnapshot\":\"snap-3\",\"status\":\"SUCCEEDED\"}]}");

        FakeServer.Run run = server.run("masked", "sync", "m", "--start-after", "0");

        assertThat(run.exitCode()).isZero();
        assertThat(server.sent()).extracting(sent -> sent.method() + " " + sent.path()).contains(
                "POST /masked-datasets/m/refresh");
    }

    @Test
    void aTemplateIsMadeOfTheDatasetsNamed() throws Exception {
        FakeServer server = new FakeServer().answer("POST /templates", 201, "{\"id\":\"tpl-1\",\"name\":"
                + "\"masked\"}");

        assertThat(server.run("template", "create", "masked", "--dataset", "clinic-masked").exitCode()).isZero();
        assertThat(JSON.readTree(server.sent().get(0).body())).isEqualTo(JSON.readTree("{\"name\":\"masked\","
                + "\"datasets\":[\"clinic-masked\"]}"));
    }

    @Test
    void aSourceStagedInANamespaceSaysSo() throws Exception {
        FakeServer server = new FakeServer().answer("POST /sources", 202, "{\"id\":\"src-1\",\"jobId\":\"j-3\"}");

        assertThat(server.run("source", "link", "crm", "--host", "db", "--database", "crm", "--user", "app",
                "--staging-namespace", "staging").exitCode()).isZero();
        assertThat(JSON.readTree(server.sent().get(0).body()).get("staging")).isEqualTo(JSON.readTree(
                "{\"kubernetes\":{\"namespace\":\"staging\"}}"));
    }
}
