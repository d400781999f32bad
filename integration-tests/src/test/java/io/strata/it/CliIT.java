package io.strata.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.restassured.path.json.JsonPath;
import io.strata.testing.PostgresCluster;
import io.strata.testing.RoutedServices;
import io.strata.testing.ServiceProcess;
import io.strata.testing.StrataHome;

/**
 * The {@code strata} command for real: the launcher {@code cli/src/main/sh/strata} run as a process, as a user runs it,
 * against the services (behind the router) run as processes. A table of commands, each with its exit code and what its
 * output must hold: signing in, listing environments, linking a source and provisioning a virtual database with
 * {@code --wait}, listing as JSON, bad input, an unknown name, a conflict, profiling into a ruleset and masking with
 * it, the space report, users and their tokens (a token signs in as its user), stopping and starting, deleting, and
 * signing out; and the Data Pipeline script with it.
 */
class CliIT {

    private static final Duration PATIENCE = Duration.ofSeconds(180);

    private static StrataHome home;
    private static PostgresCluster source;
    private static RoutedServices services;
    private static ServiceProcess router;

    @TempDir
    static Path userHome;

    /**
     * One command of the table.
     *
     * @param stdin what it reads on standard input
     * @param args its arguments
     * @param exitCode the exit code it must end with
     * @param output what its standard output must hold (on success) or its one line of standard error (on failure)
     */
    record Step(String stdin, List<String> args, int exitCode, List<String> output) {

        static Step of(int exitCode, String command, String... output) {
            return new Step("", List.of(command.split(" ")), exitCode, List.of(output));
        }

        Step reading(String input) {
            return new Step(input + "\n", args, exitCode, output);
        }
    }

    /** What one run of the launcher printed. */
    record Result(int exitCode, String out, String err) {
    }

    @BeforeAll
    static void start() {
        home = StrataHome.create();
        source = ClinicSource.start("at link");
        source.execute("clinic", "create table patients (id int primary key, full_name text, email text unique)",
                "insert into patients select i, 'Patient ' || i, 'patient' || i || '@example.org' from "
                        + "generate_series(1, 200) i",
                "grant select, insert, update, delete on patients to app");
        services = RoutedServices.start(home, 20, true);
        router = services.router();
    }

    @AfterAll
    static void stop() {
        Teardown.of(home, source, services == null ? new ServiceProcess[0] : services.processes());
    }

    @Test
    void theCommandsOfTheTableEndWithTheirCodesAndPrintWhatTheyShould() {
        run(List.of(Step.of(0, "login --url " + router.baseUrl() + " -u admin --stdin", "Signed in to "
                + router.baseUrl() + " as admin (admin)").reading(ServiceProcess.ADMIN_PASSWORD),
                Step.of(0, "env list", "NAME", "local"),
                Step.of(0, "source link clinic --host 127.0.0.1 --port " + source.port() + " --database clinic "
                        + "--user app --stdin --wait", "clinic", "ACTIVE").reading("ap"),
                Step.of(2, "vdb create Bad_Name --from-dataset clinic", "lower-case letters")));
        // The provisioning service hears of the new snapshot from an event: until then the dataset is unknown (4);
        // once known, a bad engine parameter is the answer (2), with the server's message on one line.
        await().atMost(PATIENCE).until(() -> strata("", "vdb", "create", "probe", "--from-dataset", "clinic",
                "--param", "maxConnections=none").exitCode() != ExitCodes.NOT_FOUND);
        run(List.of(Step.of(2, "vdb create probe --from-dataset clinic --param maxConnections=none",
                "maxConnections"),
                Step.of(0, "vdb create qa --from-dataset clinic --wait", "qa", "RUNNING", "clinic"),
                Step.of(0, "vdb list -o json", "\"name\" : \"qa\"", "\"status\" : \"RUNNING\""),
                Step.of(0, "vdb list", "NAME", "qa"),
                Step.of(0, "vdb credentials qa -o json", "\"password\" : \"", "\"port\" : "),
                Step.of(2, "vdb subset qa", "Give the root table (--table"),
                Step.of(5, "vdb create qa --from-dataset clinic", "exists already"),
                Step.of(4, "vdb show nope", "nope"),
                Step.of(4, "source sync nope", "No source has the id or name 'nope'"),
                Step.of(4, "source delete nope --force", "No source has the id or name 'nope'"),
                Step.of(2, "source credentials clinic --stdin", "The password was refused").reading("not-ap"),
                Step.of(0, "source credentials clinic --stdin", "clinic", "ACTIVE").reading("ap"),
                Step.of(0, "source show clinic", "clinic", "ACTIVE"),
                Step.of(0, "profile run clinic --wait --save-ruleset clinic-pii", "patients", "email", "EMAIL",
                        "Ruleset clinic-pii made with"),
                Step.of(0, "ruleset show clinic-pii", "clinic-pii", "patients", "email"),
                Step.of(2, "ruleset create other --file " + userHome.resolve("missing.json"),
                        "Cannot read the rules from"),
                Step.of(0, "masked create clinic-masked --source clinic --ruleset clinic-pii --wait",
                        "clinic-masked"),
                Step.of(5, "ruleset delete clinic-pii", "clinic-masked"),
                Step.of(0, "storage snapshots clinic-masked -o json", "\"dataset\" : \"md-"),
                Step.of(0, "storage report", "savings ratio", "btrfs"),
                Step.of(0, "user create dev --role owner --stdin", "dev", "owner").reading("dev-password-12"),
                Step.of(2, "user create short --role owner --stdin", "12 to 200 characters").reading("short"),
                Step.of(0, "user token dev --name ci", "."),
                Step.of(0, "user tokens dev", "ci"),
                Step.of(0, "user audit --user admin --limit 50", "POST", "/api/v1/users"),
                Step.of(0, "source delete clinic --dry-run", "DELETE " + router.baseUrl() + "/api/v1/sources/src-"),
                Step.of(0, "vdb snapshot qa --wait", "qa", "RUNNING"),
                Step.of(0, "vdb stop qa --wait", "qa", "STOPPED"),
                Step.of(0, "vdb start qa --wait", "qa", "RUNNING"),
                Step.of(0, "vdb delete qa --dry-run", "DELETE " + router.baseUrl() + "/api/v1/vdbs/qa"),
                Step.of(0, "vdb delete qa --wait", "vdb.delete", "SUCCEEDED"),
                Step.of(4, "vdb show qa", "qa"),
                Step.of(0, "logout", "Signed out"),
                Step.of(3, "vdb list", "strata login")));
        // A personal access token signs in as its user, who sees none of admin's resources, until it is revoked.
        run(List.of(Step.of(0, "login --url " + router.baseUrl() + " -u admin --stdin", "as admin").reading(
                ServiceProcess.ADMIN_PASSWORD)));
        String token = strata("", "user", "token", "dev", "--name", "pipeline").out().strip();
        String login = "login --url " + router.baseUrl() + " --token --stdin";
        run(List.of(Step.of(0, login, "as dev").reading(token), Step.of(0, "masked list", "clinic-masked"),
                Step.of(3, "user audit", "error"),
                Step.of(0, "login --url " + router.baseUrl() + " -u admin --stdin", "as admin").reading(
                        ServiceProcess.ADMIN_PASSWORD),
                Step.of(0, "user revoke dev pipeline", "Revoked token pipeline of dev"),
                Step.of(3, login, "error").reading(token)));
        theDataPipelineMakesPodsOfOneMaskedSubset();
    }

    /**
     * {@code examples/pipeline.sh} with this launcher, signed in as admin: a sync, the masked master and a masked
     * subset dataset of a tenth of the patients (made on this first run) brought to it, then two stages, each a data
     * pod of the subset, bookmarked and shared with dev. Both pods hold the same patients, some but not all of them,
     * none with a production e-mail address.
     */
    private static void theDataPipelineMakesPodsOfOneMaskedSubset() {
        run(List.of(Step.of(0, "login --url " + router.baseUrl() + " -u admin --stdin", "as admin").reading(
                ServiceProcess.ADMIN_PASSWORD)));
        Result pipeline = pipeline(Map.of("SOURCE", "clinic", "MASKED", "clinic-masked", "STAGES", "2",
                "SHARE_WITH", "dev"));
        String described = "examples/pipeline.sh\nstdout:\n" + pipeline.out() + "\nstderr:\n" + pipeline.err();
        System.out.println(described);
        assertThat(pipeline.exitCode()).as(described).isZero();
        assertThat(pipeline.out()).as(described).contains("masked subset clinic-masked-patients-10 at that sync",
                "masked master clinic-masked at that sync", "stage 1: share pipeline-1-", "stage 2: share pipeline-2-",
                "the whole pipeline: 2 of 2 stages succeeded");
        List<String> kept = new ArrayList<>();
        for (String pod : List.of("pipeline-1", "pipeline-2")) {
            String vdb = JsonPath.from(strata("", "pod", "show", pod, "-o", "json").out()).getString(
                    "vdbs[0].vdbName");
            VdbSql sql = new VdbSql(router.baseUrl(), services.adminToken(), vdb);
            try {
                kept.add(sql.text("select string_agg(id::text, ',' order by id) from patients"));
                assertThat(sql.text("select count(*) from patients where email like 'patient%@example.org'")).as(
                        pod).isEqualTo("0");
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(pod + ": " + e.getMessage(), e);
            }
        }
        assertThat(kept.get(1)).isEqualTo(kept.get(0));
        assertThat(kept.get(0).split(",")).hasSizeBetween(1, 199);
    }

    /** Runs {@code examples/pipeline.sh} with this launcher and the home the launcher signed in with. */
    private static Result pipeline(Map<String, String> variables) {
        Map<String, String> environment = new java.util.HashMap<>(variables);
        environment.put("STRATA", ServiceProcess.repositoryRoot().resolve("cli/src/main/sh/strata").toString());
        return launch(List.of("bash", ServiceProcess.repositoryRoot().resolve("examples/pipeline.sh").toString()),
                environment, "", PATIENCE.multipliedBy(3));
    }

    private static void run(List<Step> steps) {
        for (Step step : steps) {
            Result result = strata(step.stdin(), step.args().toArray(new String[0]));
            String described = "strata " + String.join(" ", step.args()) + "\nstdout:\n" + result.out()
                    + "\nstderr:\n" + result.err();
            System.out.println("exit " + result.exitCode() + ": " + described);
            assertThat(result.exitCode()).as(described).isEqualTo(step.exitCode());
            if (step.exitCode() == 0) {
                assertThat(result.out()).as(described).contains(step.output());
            } else {
                assertThat(result.err()).as(described).startsWith("error: ").hasLineCount(1).contains(step.output());
            }
            assertThat(result.out() + result.err()).as(described).doesNotContain(ServiceProcess.ADMIN_PASSWORD);
        }
    }

    /** Runs the launcher with {@code args}, in a home of its own, {@code stdin} on its standard input. */
    private static Result strata(String stdin, String... args) {
        Path launcher = ServiceProcess.repositoryRoot().resolve("cli/src/main/sh/strata");
        List<String> command = new ArrayList<>(List.of(launcher.toString()));
        command.addAll(List.of(args));
        return launch(command, Map.of(), stdin, PATIENCE);
    }

    /** Runs a command with the launcher's home and no STRATA_ variable but those given, until it ends. */
    private static Result launch(List<String> command, Map<String, String> environment, String stdin,
            Duration patience) {
        try {
            Path out = Files.createTempFile(userHome, "out", ".txt");
            Path err = Files.createTempFile(userHome, "err", ".txt");
            ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err
                    .toFile());
            builder.environment().keySet().removeIf(name -> name.startsWith("STRATA_"));
            builder.environment().put("HOME", userHome.toString());
            builder.environment().putAll(environment);
            Process process = builder.start();
            process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
            process.getOutputStream().close();
            assertThat(process.waitFor(patience.toSeconds(), TimeUnit.SECONDS)).as(String.join(" ", command))
                    .isTrue();
            return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The CLI's exit codes the test waits on (docs/cli.md lists them all). */
    private static final class ExitCodes {

        static final int NOT_FOUND = 4;
    }
}
