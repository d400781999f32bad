package io.strata.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Signing in keeps the server and the token in the config file, never shown; the environment overrides the file. */
class LoginTest {

    private static final String ME = "{\"id\":\"u-1\",\"username\":\"admin\",\"roles\":[\"admin\"]}";

    @TempDir
    Path home;

    private FakeServer signedOut() {
        return new FakeServer().env("STRATA_URL", null).env("STRATA_TOKEN", null).env("HOME", home.toString());
    }

    @Test
    void aPasswordIsExchangedForATokenThatIsKeptAndUsed() throws Exception {
        FakeServer server = signedOut().answer("POST /auth/token", 200, "{\"token\":\"session-token\"}").answer(
                "GET /users/me", 200, ME).answer("GET /vdbs", 200, "[]");

        FakeServer.Run login = server.runWithInput("pass-word\n", "login", "--url", "http://router.test:8080/api/v1/",
                "-u",
                "admin", "--stdin");

        assertThat(login.exitCode()).isZero();
        assertThat(login.out()).contains("Signed in to http://router.test:8080 as admin (admin)").doesNotContain(
                "session-token").doesNotContain("pass-word");
        assertThat(new ObjectMapper().readTree(server.sent().get(0).body())).isEqualTo(new ObjectMapper().readTree(
                "{\"username\":\"admin\",\"password\":\"pass-word\"}"));
        assertThat(server.sent().get(0).headers()).doesNotContainKey("Authorization");
        Path config = home.resolve(".strata/config");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(config))).isEqualTo("rw-------");

        assertThat(server.run("vdb", "list").exitCode()).isZero();
        FakeServer.Sent list = server.sent().get(2);
        assertThat(list.uri().toString()).isEqualTo("http://router.test:8080/api/v1/vdbs");
        assertThat(list.headers()).containsEntry("Authorization", "Bearer session-token");

        server.env("STRATA_URL", "http://other.test:9090").env("STRATA_TOKEN", "pipeline-token").run("vdb", "list");
        assertThat(server.sent().get(3).uri().getAuthority()).isEqualTo("other.test:9090");
        assertThat(server.sent().get(3).headers()).containsEntry("Authorization", "Bearer pipeline-token");
    }

    @Test
    void aPersonalAccessTokenIsCheckedBeforeItIsKept() {
        FakeServer server = signedOut().answer("GET /users/me", 401, "{\"detail\":\"The token was revoked; make "
                + "another.\"}");

        FakeServer.Run run = server.runWithInput("pat-1\n", "login", "--token", "--stdin");

        assertThat(run.exitCode()).isEqualTo(ExitCode.NOT_ALLOWED);
        assertThat(run.err()).isEqualTo("error: The token was revoked; make another." + System.lineSeparator());
        assertThat(home.resolve(".strata/config")).doesNotExist();
    }

    @Test
    void withoutATerminalOrStdinThereIsNobodyToAsk() {
        FakeServer.Run run = signedOut().run("login", "-u", "admin");

        assertThat(run.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(run.err()).contains("No terminal to ask for the password", "--stdin");
    }

    @Test
    void logoutForgetsTheToken() {
        FakeServer server = signedOut().answer("GET /users/me", 200, ME);
        server.runWithInput("pat-1\n", "login", "--token", "--stdin");

        assertThat(server.run("logout").exitCode()).isZero();

        FakeServer.Run after = server.run("vdb", "list");
        assertThat(after.exitCode()).isEqualTo(ExitCode.NOT_ALLOWED);
    }
}
