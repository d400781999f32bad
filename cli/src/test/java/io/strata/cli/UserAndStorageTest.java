package io.strata.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code strata user}, {@code strata storage} and the smaller source commands: a password read from standard input
 * and never printed, a token alone on standard output, a token revoked by its name, the space report in units.
 */
class UserAndStorageTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aUserIsMadeWithThePasswordReadFromStandardInputWhichIsNeverPrinted() throws Exception {
        FakeServer server = new FakeServer().answer("POST /users", 201, "{\"id\":\"u-2\",\"username\":\"dev\","
                + "\"roles\":[\"owner\"]}");

        FakeServer.Run run = server.runWithInput("correct horse battery\n", "user", "create", "dev", "--role",
                "owner", "--stdin");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(JSON.readTree(server.sent().get(0).body())).isEqualTo(JSON.readTree("{\"username\":\"dev\","
                + "\"password\":\"correct horse battery\",\"roles\":[\"owner\"]}"));
        assertThat(run.out()).containsPattern("dev +u-2 +owner").doesNotContain("horse");
    }

    @Test
    void aNewTokenIsAloneOnStandardOutputForAScriptToKeep() {
        FakeServer server = new FakeServer().answer("POST /users/jenkins/tokens", 201, "{\"id\":\"tok-1\","
                + "\"name\":\"pipeline\",\"token\":\"stp_secret\",\"expiresAt\":\"2027-03-01T00:00:00Z\"}");

        FakeServer.Run run = server.run("user", "token", "jenkins", "--name", "pipeline");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("stp_secret" + System.lineSeparator());
        assertThat(run.err()).contains("tok-1", "not shown again").doesNotContain("stp_secret");
    }

    @Test
    void aTokenIsRevokedByItsName() {
        FakeServer server = new FakeServer().answer("GET /users/jenkins/tokens", 200, "[{\"id\":\"tok-1\","
                + "\"name\":\"pipeline\"}]").answer("DELETE /users/jenkins/tokens/tok-1", 204, "");

        FakeServer.Run run = server.run("user", "revoke", "jenkins", "pipeline");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(server.sent()).extracting(sent -> sent.method() + " " + sent.uri().getPath()).contains(
                "DELETE /api/v1/users/jenkins/tokens/tok-1");
    }

    @Test
    void theSpaceReportShowsSizesInUnitsAndTheSavingsRatio() {
        FakeServer server = new FakeServer().answer("GET /storage", 200, "{\"driver\":\"btrfs\",\"capacity\":"
                + "53687091200,\"used\":13631488000,\"free\":40055603200,\"provisionedLogicalSize\":19005874176,"
                + "\"savingsRatio\":1.394,\"warning\":null,\"datasets\":[{\"id\":\"src-1\",\"logicalSize\":"
                + "1073741824,\"uniqueSize\":512,\"sharedSize\":1048576,\"volumes\":1,\"snapshots\":3}]}");

        server.answer("GET /sources", 200, "[{\"id\":\"src-1\",\"name\":\"clinic\"}]").answer(
                "GET /masked-datasets", 200, "[]").answer("GET /vdbs", 200, "[]");

        FakeServer.Run run = server.run("storage", "report");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).containsPattern("clinic +src-1 +1\\.0 GiB +512 B +1\\.0 MiB +1 +3").contains(
                "17.7 GiB provisioned in 12.7 GiB used of 50.0 GiB (37.3 GiB free) on btrfs: savings ratio 1.39")
                .doesNotContain("Warning");
    }

    @Test
    void aSourceIsMarkedNotSensitiveByName() throws Exception {
        FakeServer server = new FakeServer().answer("GET /sources", 200, "[{\"id\":\"src-9\",\"name\":\"clinic\"}]")
                .answer("PUT /sources/src-9/sensitive", 200, "{\"id\":\"src-9\",\"name\":\"clinic\","
                        + "\"sensitive\":false}");

        FakeServer.Run run = server.run("source", "sensitive", "clinic", "false");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(JSON.readTree(server.sent().get(1).body())).isEqualTo(JSON.readTree("{\"sensitive\":false}"));
    }
}
