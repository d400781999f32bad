package io.strata.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.strata.testing.PostgresCluster;
import io.strata.testing.RoutedServices;
import io.strata.testing.ServiceProcess;
import io.strata.testing.StrataHome;

/**
 * {@code make bench-cli}: the wall time of {@code strata vdb list} (the launcher {@code cli/src/main/sh/strata}, from
 * the process's start to its exit) against running services behind a router, with three virtual databases to list:
 * with the class-data archive the launcher's training run writes, as {@code -o json}, and without the archive.
 */
public final class CliBench {

    private static final int VDBS = 3;
    /** The CLI's exit code for an unknown dataset: the provisioning service has not heard of the snapshot yet. */
    private static final int NOT_FOUND = 4;

    private final Path launcher = ServiceProcess.repositoryRoot().resolve("cli/src/main/sh/strata");
    private final Path userHome;

    private CliBench(Path userHome) {
        this.userHome = userHome;
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        try (StrataHome home = StrataHome.create(); PostgresCluster source = PostgresCluster.start(Map.of())) {
            RoutedServices services = null;
            try {
                source.execute("postgres", "create database clinic", "create role app login replication password "
                        + "'ap'");
                source.execute("clinic", "create table visits (id serial primary key, note text)",
                        "insert into visits (note) select 'visit ' || g from generate_series(1, 10000) g",
                        "grant select on visits to app");
                services = RoutedServices.start(home, 20);
                CliBench bench = new CliBench(Files.createTempDirectory("strata-cli-bench"));
                bench.prepare(services.router(), source);
                bench.measure(runs);
            } finally {
                if (services != null) {
                    for (ServiceProcess service : services.all()) {
                        service.stop();
                    }
                }
                new ProcessBuilder("sh", "-c", "pkill -f '[p]ostgres -D " + home + "' || true").start().waitFor();
            }
        }
    }

    /** Signs in, links the source and provisions the virtual databases to list, all with the CLI. */
    private void prepare(ServiceProcess router, PostgresCluster source) throws Exception {
        require(strata(ServiceProcess.ADMIN_PASSWORD, "login", "--url", router.baseUrl(), "-u", "admin", "--stdin"));
        require(strata("ap", "source", "link", "clinic", "--host", "127.0.0.1", "--port", String.valueOf(source
                .port()), "--database", "clinic", "--user", "app", "--stdin", "--wait"));
        for (int i = 1; i <= VDBS; i++) {
            Result created;
            int tries = 0;
            do {
                created = strata("", "vdb", "create", "bench-" + i, "--from-dataset", "clinic", "--wait");
                if (created.exitCode() == NOT_FOUND && ++tries < 60) {
                    Thread.sleep(500);
                }
            } while (created.exitCode() == NOT_FOUND && tries < 60);
            require(created);
        }
        System.out.println(strata("", "vdb", "list").out());
    }

    private void measure(int runs) throws Exception {
        Path archive = launcher.getParent().resolve("../../../target/strata.jsa").normalize();
        Files.deleteIfExists(archive);
        Result trained = strata(Map.of("STRATA_CDS_TRAIN", "1"), "", "vdb", "list");
        require(trained);
        System.out.printf("class-data archive %s: %d MB%n", archive, Files.size(archive) >> 20);
        report("strata vdb list (class-data archive)", runs, "vdb", "list");
        report("strata vdb list -o json (class-data archive)", runs, "vdb", "list", "-o", "json");
        Path aside = archive.resolveSibling("strata.jsa.aside");
        Files.move(archive, aside, StandardCopyOption.REPLACE_EXISTING);
        try {
            report("strata vdb list (no archive)", runs, "vdb", "list");
        } finally {
            Files.move(aside, archive, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private void report(String what, int runs, String... args) throws Exception {
        for (int i = 0; i < 3; i++) {
            require(strata("", args));
        }
        Stats stats = new Stats();
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            Result result = strata("", args);
            stats.add(System.nanoTime() - start);
            require(result);
        }
        System.out.printf("%s: p50 %.0f ms, p90 %.0f ms, min %.0f ms (n=%d)%n", what, stats.p50(), stats.percentile(
                90), stats.percentile(0), stats.count());
    }

    /** What one run of the launcher printed. */
    private record Result(List<String> command, int exitCode, String out, String err) {
    }

    private static void require(Result result) {
        if (result.exitCode() != 0) {
            throw new IllegalStateException("strata " + result.command() + " exited with " + result.exitCode() + ": "
                    + result.err());
        }
    }

    private Result strata(String stdin, String... args) throws IOException, InterruptedException {
        return strata(Map.of(), stdin, args);
    }

    private Result strata(Map<String, String> env, String stdin, String... args) throws IOException,
            InterruptedException {
        List<String> command = new ArrayList<>(List.of(launcher.toString()));
        command.addAll(List.of(args));
        Path out = userHome.resolve("out.txt");
        Path err = userHome.resolve("err.txt");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("STRATA_"));
        builder.environment().put("HOME", userHome.toString());
        builder.environment().putAll(env);
        Process process = builder.start();
        process.getOutputStream().write((stdin + "\n").getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("strata " + args[0] + " did not end within 5 minutes");
        }
        return new Result(List.of(args), process.exitValue(), Files.readString(out), Files.readString(err));
    }
}
