package io.strata.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every failure ends with its own exit code and one line on standard error that carries the server's words. */
class ExitCodeTest {

    @ParameterizedTest
    @CsvSource({"400, 2", "422, 2", "401, 3", "403, 3", "404, 4", "409, 5", "429, 7", "500, 7", "503, 7", "507, 7"})
    void aProblemAnswerEndsWithTheCodeOfItsStatusAndItsDetailOnOneLine(int status, int exitCode) {
        FakeServer server = new FakeServer().answer("GET /vdbs", status, "{\"status\":" + status + ",\"title\":\"T\","
                + "\"detail\":\"What is wrong,\\nand what to do.\"}");

        FakeServer.Run run = server.run("vdb", "list");

        assertThat(run.exitCode()).isEqualTo(exitCode);
        assertThat(run.err()).isEqualTo("error: What is wrong, and what to do." + System.lineSeparator());
        assertThat(run.out()).isEmpty();
    }

    @Test
    void aBodyThatIsNoProblemIsShownWithItsStatus() {
        FakeServer.Run run = new FakeServer().answer("GET /vdbs", 502, "Bad Gateway").run("vdb", "list");

        assertThat(run.exitCode()).isEqualTo(ExitCode.UNAVAILABLE);
        assertThat(run.err()).isEqualTo("error: HTTP 502: Bad Gateway" + System.lineSeparator());
    }

    @Test
    void anUnreachableServerIsAConnectionError() {
        FakeServer.Run run = new FakeServer().unreachable().run("vdb", "list");

        assertThat(run.exitCode()).isEqualTo(ExitCode.UNAVAILABLE);
        assertThat(run.err()).startsWith("error: Cannot reach http://strata.test:8080 (Connection refused)")
                .hasLineCount(1);
    }

    @Test
    void withoutATokenNothingIsSentAndTheLineSaysHowToSignIn() {
        FakeServer server = new FakeServer().env("STRATA_TOKEN", null).env("STRATA_CONFIG", "/nonexistent/config");

        FakeServer.Run run = server.run("vdb", "list");

        assertThat(run.exitCode()).isEqualTo(ExitCode.NOT_ALLOWED);
        assertThat(run.err()).contains("strata login").hasLineCount(1);
        assertThat(server.sent()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"vdb list --bogus|Unknown option: '--bogus'", "vdb create|Missing required "
            + "parameter: 'NAME'", "vdb lst|Unmatched argument", "-o xml vdb list|Invalid value for option '--output'",
            "pod branch qa b1|Missing required option: '--from-bookmark=BOOKMARK'"})
    void aUsageErrorIsBadInputOnOneLineAndSendsNothing(String args, String message) {
        FakeServer server = new FakeServer();

        FakeServer.Run run = server.run(args.split(" "));

        assertThat(run.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(run.err()).contains(message).hasLineCount(1);
        assertThat(server.sent()).isEmpty();
    }

    @Test
    void aMissingGroupPrintsTheUsageAsBadInput() {
        FakeServer.Run run = new FakeServer().run();

        assertThat(run.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(run.err()).contains("Usage: strata", "vdb", "pod", "Exit codes:");
    }
}
