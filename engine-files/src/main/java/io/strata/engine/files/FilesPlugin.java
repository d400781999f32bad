package io.strata.engine.files;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.strata.engine.DiscoveryOperations;
import io.strata.engine.EnginePlugin;
import io.strata.engine.HostConnection;
import io.strata.engine.LinkedOperations;
import io.strata.engine.LinkedSource;
import io.strata.engine.ParameterSchema;
import io.strata.engine.ParameterSchema.Parameter;
import io.strata.engine.ProgressListener;
import io.strata.engine.Repository;
import io.strata.engine.SnapshotMetadata;
import io.strata.engine.SnapshotPoint;
import io.strata.engine.SourceConfig;
import io.strata.engine.Staging;
import io.strata.engine.StagingStatus;
import io.strata.engine.UserError;
import io.strata.engine.VirtualDatabase;
import io.strata.engine.VirtualOperations;
import io.strata.engine.VirtualStatus;

/**
 * A plain file tree: every sync is {@code rsync -a --delete} from the source host into the staging volume (over SSH,
 * trusting only the environment's pinned host key), then a snapshot. There is no engine to run: a virtual copy is the
 * cloned directory itself.
 */
public class FilesPlugin implements EnginePlugin {

    private static final Duration COPY_TIMEOUT = Duration.ofHours(24);
    private static final Pattern PROGRESS = Pattern.compile("\\s(\\d{1,3})%\\s");

    @Override
    public String name() {
        return "files";
    }

    @Override
    public ParameterSchema sourceParameters() {
        return ParameterSchema.of(Parameter.string("path", true, "the absolute path of the directory to link on the "
                + "source environment").matching("/[^\\x00]*"),
                new Parameter("exclude", ParameterSchema.Type.STRING_LIST,
                        false, "rsync exclude patterns", false, null, null, null, List.of()));
    }

    @Override
    public ParameterSchema virtualParameters() {
        return ParameterSchema.of();
    }

    @Override
    public DiscoveryOperations discovery() {
        return new DiscoveryOperations() {

            @Override
            public List<Repository> repositories(HostConnection host) {
                HostConnection.Result version = host.run(List.of("rsync", "--version"), Map.of(), null, Duration
                        .ofSeconds(30));
                if (version.exitCode() != 0) {
                    return List.of();
                }
                String first = version.stdout().lines().findFirst().orElse("rsync");
                return List.of(new Repository("files", first.strip(), first.replaceAll(".*version ([0-9.]+).*", "$1"),
                        "", Map.of()));
            }

            @Override
            public List<SourceConfig> sourceConfigs(HostConnection host, Repository repository,
                    Map<String, Object> connection, Map<String, String> secrets) {
                return List.of();
            }
        };
    }

    @Override
    public LinkedOperations linked() {
        return new LinkedOperations() {

            @Override
            public void validateSource(LinkedSource source, Staging staging) {
                String path = source.string("path");
                HostConnection.Result test = source.sourceHost().run(List.of("test", "-d", path), Map.of(), null,
                        Duration.ofSeconds(30));
                if (test.exitCode() != 0) {
                    throw new UserError("The path " + path + " does not exist (or is not a directory) on "
                            + source.sourceHost().describe() + ".",
                            "Check the path; it must be an absolute "
                                    + "directory path on the source environment.");
                }
            }

            @Override
            public void initialLoad(LinkedSource source, Staging staging, ProgressListener progress) {
                copy(source, staging, progress);
            }

            @Override
            public void startStaging(LinkedSource source, Staging staging) {
            }

            @Override
            public void stopStaging(LinkedSource source, Staging staging) {
            }

            @Override
            public StagingStatus status(LinkedSource source, Staging staging) {
                return new StagingStatus(true, null, null, null, "copied with rsync at every sync");
            }

            @Override
            public SnapshotPoint preSnapshot(LinkedSource source, Staging staging, ProgressListener progress) {
                Instant started = Instant.now();
                copy(source, staging, progress);
                return new SnapshotPoint(null, started, Map.of(SnapshotMetadata.ENGINE.key(), "files"));
            }

            @Override
            public void postSnapshot(LinkedSource source, Staging staging, SnapshotPoint point) {
            }

            @Override
            public void unlink(LinkedSource source, Staging staging) {
            }
        };
    }

    /** rsync from the source host into the staging volume. */
    static void copy(LinkedSource source, Staging staging, ProgressListener progress) {
        String path = source.string("path");
        String from = path.endsWith("/") ? path : path + "/";
        List<String> command = new ArrayList<>(
                List.of("rsync", "-a", "--delete", "--info=progress2", "--no-inc-recursive"));
        Object excludes = source.parameters().get("exclude");
        if (excludes instanceof List<?> patterns) {
            patterns.forEach(pattern -> command.add("--exclude=" + pattern));
        }
        HostConnection.SshEndpoint ssh = source.sourceHost().ssh().orElse(null);
        if (ssh != null) {
            if (ssh.identityFile() == null) {
                throw new UserError("Could not copy files. Ensure that passwordless SSH works for " + ssh.host() + ".",
                        "The environment logs in with a password; give it a private key (credentials.privateKey).");
            }
            command.addAll(List.of("-e", ssh.sshCommand(), ssh.user() + "@" + ssh.host() + ":" + from));
        } else {
            command.add(from);
        }
        command.add(staging.dataPath() + "/");
        HostConnection.Result result = staging.host().run(command, Map.of(), null, COPY_TIMEOUT, line -> {
            Matcher matcher = PROGRESS.matcher(line);
            if (matcher.find()) {
                progress.progress(Integer.parseInt(matcher.group(1)), "rsync: " + line.strip());
            }
        });
        if (result.exitCode() != 0) {
            String host = ssh != null ? ssh.host() : source.sourceHost().describe();
            throw new UserError("Could not copy files. Ensure that passwordless SSH works for " + host + ".",
                    "Check the environment's key and that rsync is installed on both hosts.", result.stderr());
        }
    }

    @Override
    public VirtualOperations virtual() {
        return new VirtualOperations() {

            @Override
            public void configure(VirtualDatabase vdb) {
            }

            @Override
            public void start(VirtualDatabase vdb) {
            }

            @Override
            public void stop(VirtualDatabase vdb) {
            }

            @Override
            public void preSnapshot(VirtualDatabase vdb) {
            }

            @Override
            public VirtualStatus status(VirtualDatabase vdb) {
                boolean present = vdb.host().run(List.of("test", "-d", vdb.dataPath()), Map.of(), null, Duration
                        .ofSeconds(30)).exitCode() == 0;
                return new VirtualStatus(present, present
                        ? "the files are at " + vdb.dataPath()
                        : vdb.dataPath() + " is missing");
            }

            @Override
            public void unconfigure(VirtualDatabase vdb) {
            }
        };
    }
}
