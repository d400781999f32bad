package io.strata.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code strata profile} and {@code strata ruleset}: a source profiled by its name, what was found shown as a table,
 * the suggested rules saved as a ruleset, and a ruleset made from the file another one was shown as.
 */
class ProfileAndRulesetTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String INVENTORY = "{\"dataset\":\"src-9\",\"sampleRows\":1000,\"tablesSampled\":3,"
            + "\"columns\":[{\"table\":\"patients\",\"column\":\"email\",\"kind\":\"EMAIL\",\"foundBy\":\"BOTH\","
            + "\"evidence\":0.984,\"suggested\":{\"algorithm\":\"email\",\"params\":{}}}],\"ruleset\":{\"rules\":"
            + "[{\"table\":\"patients\",\"column\":\"email\",\"algorithm\":\"email\",\"params\":{}}],\"publicText\":"
            + "[]},\"publicTextCandidates\":[],\"unreadTables\":[{\"table\":\"audit\",\"reason\":\"permission "
            + "denied\"}]}";

    @Test
    void aSourceProfiledByNameShowsWhatWasFoundAndSavesTheSuggestedRules() throws Exception {
        FakeServer server = new FakeServer().answer("GET /sources", 200, "[{\"id\":\"src-9\",\"name\":\"clinic\"}]")
                .answer("POST /profiling-jobs", 202, "{\"id\":\"j-1\",\"jobId\":\"j-1\"}")
                .answer("GET /jobs/j-1", 200, "{\"id\":\"j-1\",\"state\":\"SUCCEEDED\"}")
                .answer("GET /profiling-jobs/j-1/inventory", 200, INVENTORY)
                .answer("POST /rulesets", 201, "{\"id\":\"rs-1\",\"name\":\"clinic-pii\",\"rules\":[{}]}");

        FakeServer.Run run = server.run("profile", "run", "clinic", "--sample-rows", "1000", "--wait",
                "--save-ruleset", "clinic-pii");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(JSON.readTree(server.sent().get(1).body())).isEqualTo(JSON.readTree("{\"dataset\":\"src-9\","
                + "\"sampleRows\":1000}"));
        assertThat(run.out()).containsPattern("patients +email +EMAIL +98% +BOTH +email").contains(
                "1 columns found in 3 tables", "Not read: audit (permission denied)",
                "Ruleset clinic-pii made with 1 rules");
        assertThat(JSON.readTree(server.sent().get(server.sent().size() - 1).body())).isEqualTo(JSON.readTree(
                "{\"rules\":[{\"table\":\"patients\",\"column\":\"email\",\"algorithm\":\"email\",\"params\":{}}],"
                        + "\"publicText\":[],\"name\":\"clinic-pii\"}"));
    }

    @Test
    void savingARulesetNeedsTheJobToEndAndNothingIsSent() {
        FakeServer server = new FakeServer();

        FakeServer.Run run = server.run("profile", "run", "clinic", "--save-ruleset", "clinic-pii");

        assertThat(run.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(run.err()).contains("--save-ruleset needs --wait");
        assertThat(server.sent()).isEmpty();
    }

    @Test
    void aRulesetShownAsJsonMakesAnotherUnderItsNewName(@TempDir Path directory) throws Exception {
        Path file = Files.writeString(directory.resolve("rules.json"), "{\"id\":\"rs-1\",\"name\":\"clinic-pii\","
                + "\"version\":3,\"rules\":[{\"table\":\"patients\",\"column\":\"ssn\",\"algorithm\":\"fpe\"}],"
                + "\"publicText\":[\"visits.reason\"],\"keys\":{\"names\":\"names-v1\"},\"createdAt\":\"x\"}");
        FakeServer server = new FakeServer().answer("POST /rulesets", 201, "{\"id\":\"rs-2\",\"name\":\"copy\","
                + "\"version\":1,\"rules\":[{}]}");

        FakeServer.Run run = server.run("ruleset", "create", "copy", "--file", file.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).containsPattern("copy +rs-2 +1 +1");
        assertThat(JSON.readTree(server.sent().get(0).body())).isEqualTo(JSON.readTree("{\"rules\":[{\"table\":"
                + "\"patients\",\"column\":\"ssn\",\"algorithm\":\"fpe\"}],\"publicText\":[\"visits.reason\"],"
                + "\"keys\":{\"names\":\"names-v1\"},\"name\":\"copy\"}"));
    }

    @Test
    void aFileWithoutRulesIsBadInputAndNothingIsSent(@TempDir Path directory) throws Exception {
        Path file = Files.writeString(directory.resolve("rules.json"), "[]");
        FakeServer server = new FakeServer();

        FakeServer.Run run = server.run("ruleset", "create", "copy", "--file", file.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(run.err()).contains(file + " holds no rules");
        assertThat(server.sent()).isEmpty();
    }

    @Test
    void anUpdateKeepsTheNameUnlessRenamed() throws Exception {
        FakeServer server = new FakeServer().answer("GET /rulesets", 200, "[{\"id\":\"rs-1\",\"name\":\"pii\"}]")
                .answer("GET /rulesets/rs-1", 200, "{\"id\":\"rs-1\",\"name\":\"pii\"}")
                .answer("GET /profiling-jobs/j-1/inventory", 200, INVENTORY)
                .answer("PUT /rulesets/rs-1", 200, "{\"id\":\"rs-1\",\"name\":\"pii\",\"version\":2}");

        FakeServer.Run run = server.run("ruleset", "update", "pii", "--from-profile", "j-1");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(JSON.readTree(server.sent().get(server.sent().size() - 1).body()).path("name").asText())
                .isEqualTo("pii");
    }
}
