package io.strata.engine.postgresql;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.strata.engine.HostConnection;
import io.strata.engine.LinkedOperations;
import io.strata.engine.LinkedSource;
import io.strata.engine.ProgressListener;
import io.strata.engine.SnapshotMetadata;
import io.strata.engine.SnapshotPoint;
import io.strata.engine.Staging;
import io.strata.engine.StagingPod;
import io.strata.engine.StagingStatus;
import io.strata.engine.UserError;

/**
 * Linking PostgreSQL with a staging standby: {@code pg_basebackup} into the staging volume creating a replication
 * slot on the source (so no WAL the standby needs is ever removed), then a standby that follows the source by
 * streaming replication through that slot. A sync waits until the standby has replayed everything the source had
 * flushed when the sync began, makes a restartpoint (after a CHECKPOINT on the source, when allowed) so that a clone
 * starts with almost no redo, and reports the replay LSN and the time of the last replayed commit. The replication
 * password is kept in a password file in the work directory, outside the volume, so it never reaches a snapshot.
 */
class PostgresLinked implements LinkedOperations {

    static final String OS_USER = PostgresPlugin.OS_USER;

    /**
     * $1 the WAL archive, $2 the place in the log (log and segment number, 16 hex digits) of the first segment to
     * keep. Compared as strings: the names have one length and upper-case digits.
     */
    private static final String TRIM_WAL = """
            [ -d "$1" ] || exit 0
            cd "$1" && ls | awk -v keep="$2" 'length($0) == 24 && $0 ~ /^[0-9A-F]+$/ && substr($0, 9) "" < keep ""' |
              xargs -r rm -f
            """;
    private static final Duration BASEBACKUP_TIMEOUT = Duration.ofHours(24);
    private static final Duration CATCH_UP_TIMEOUT = Duration.ofMinutes(30);
    /** WAL since the standby's last restartpoint below which a sync does not ask the source for a CHECKPOINT. */
    private static final long REDO_WITHOUT_CHECKPOINT = 16L * 1024 * 1024;
    /** The kernel's id of the running boot, new at every boot. */
    private static final String BOOT_ID = "/proc/sys/kernel/random/boot_id";
    private static final Pattern PROGRESS = Pattern.compile("(\\d+)/(\\d+) kB \\((\\d+)%\\)");
    /** Settings a hot standby must have at least as high as its primary. */
    private static final List<String> STANDBY_MINIMUMS = List.of("max_connections", "max_worker_processes",
            "max_wal_senders", "max_prepared_transactions", "max_locks_per_transaction");

    /** The source connection fields. */
    record Connection(String host, int port, String database, String user, String password) {

        static Connection of(LinkedSource source) {
            return new Connection(source.string("connection.host"), source.integer("connection.port", 5432), source
                    .string("connection.database"), source.string("connection.user"),
                    source.secrets().get(
                            "connection.password"));
        }
    }

    static String slotName(String sourceId) {
        String name = "strata_" + sourceId.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        return name.length() > 63 ? name.substring(0, 63) : name;
    }

    static String socketDir(String workPath) {
        return workPath + "/socket";
    }

    /** Where the staging standby archives the source's WAL when log sync is on. */
    static String walArchive(String workPath) {
        return workPath + "/wal";
    }

    private static Psql source(LinkedSource source, Staging staging) {
        Connection connection = Connection.of(source);
        return Psql.tcp(staging.host(), staging.repository().binDir(), connection.host(), connection.port(),
                connection.database(), connection.user(), connection.password());
    }

    private static Psql staging(Staging staging) {
        return Psql.socket(staging.host(), staging.repository().binDir(), socketDir(staging.workPath()), staging
                .port(), "postgres");
    }

    @Override
    public void validateSource(LinkedSource source, Staging staging) {
        if (staging.repository() == null) {
            throw new UserError("No PostgreSQL installation was found on the staging host " + staging.host()
                    .describe() + ".", "Install PostgreSQL there (the same major version as the source) and run "
                            + "POST /environments/{id}/discover.");
        }
        Connection connection = Connection.of(source);
        Psql psql = source(source, staging);
        List<String> row = psql.rows("select r.rolreplication, r.rolsuper, current_setting('wal_level'), "
                + "current_setting('max_replication_slots')::int, (select count(*) from pg_replication_slots), "
                + "current_setting('max_wal_senders')::int, (select count(*) from pg_stat_replication), "
                + "current_setting('server_version_num')::int "
                + "from pg_roles r where r.rolname = current_user").get(0);
        boolean replication = "t".equals(row.get(0));
        boolean superuser = "t".equals(row.get(1));
        if (!replication && !superuser) {
            throw new UserError("Role " + connection.user() + " has neither REPLICATION nor SUPERUSER on the source, "
                    + "so it cannot stream the database.",
                    "Run: ALTER ROLE \"" + connection.user()
                            + "\" REPLICATION; (as a superuser on the source) and link again.");
        }
        if ("minimal".equals(row.get(2))) {
            throw new UserError("The source's wal_level is minimal, which cannot feed a standby.",
                    "Set wal_level = replica (or logical) in the source's postgresql.conf and restart it.");
        }
        int slots = Integer.parseInt(row.get(3));
        int slotsUsed = Integer.parseInt(row.get(4));
        if (slotsUsed >= slots) {
            throw new UserError("The source has no free replication slot (max_replication_slots = " + slots + ", "
                    + slotsUsed + " in use).",
                    "Raise max_replication_slots on the source and restart it, or drop "
                            + "slots nobody uses (SELECT pg_drop_replication_slot(name)).");
        }
        int senders = Integer.parseInt(row.get(5));
        int sendersUsed = Integer.parseInt(row.get(6));
        if (senders - sendersUsed < 2) {
            throw new UserError("The source has " + (senders - sendersUsed) + " free WAL sender(s) (max_wal_senders = "
                    + senders + ", " + sendersUsed + " in use); linking needs 2 (the base backup streams its WAL).",
                    "Raise max_wal_senders on the source and restart it.");
        }
        int sourceMajor = Integer.parseInt(row.get(7)) / 10000;
        String stagingMajor = staging.repository().properties().get("major");
        if (stagingMajor != null && Integer.parseInt(stagingMajor) != sourceMajor) {
            throw new UserError("The source runs PostgreSQL " + sourceMajor + " but the staging host's installation "
                    + "is " + staging.repository().version() + "; a standby needs the same major version.",
                    "Install PostgreSQL " + sourceMajor + " on the staging host and run discovery again.");
        }
        if (source.flag("logSync", false) && !"t".equals(psql.value("select has_function_privilege("
                + "'pg_switch_wal()', 'execute')"))) {
            throw new UserError("logSync needs the role " + connection.user() + " to close WAL segments on the "
                    + "source at each sync (pg_switch_wal()).",
                    "Run: GRANT EXECUTE ON FUNCTION pg_switch_wal() TO \""
                            + connection.user() + "\"; (as a superuser on the source), or link without logSync.");
        }
        psql.replication().rows("IDENTIFY_SYSTEM");
    }

    @Override
    public void initialLoad(LinkedSource source, Staging staging, ProgressListener progress) {
        HostConnection host = staging.host();
        Connection connection = Connection.of(source);
        String slot = slotName(source.id());
        prepareDirectories(staging);
        // A new copy: whatever the note of an earlier standby's boot says no longer concerns it.
        HostFiles.run(host, null, "forget the boot of the earlier staging standby", "rm", "-f", bootMarker(staging));
        writePassfile(staging, connection);
        Psql sourceSql = source(source, staging);
        // A slot of an earlier attempt or of the volume a resync replaces: the new base backup makes it again.
        sourceSql.execute("select pg_drop_replication_slot(slot_name) from pg_replication_slots where slot_name = '"
                + slot + "' and not active;");
        Map<String, String> minimums = standbyMinimums(sourceSql);

        progress.progress(0, "pg_basebackup from " + connection.host() + ":" + connection.port());
        List<String> command = List.of(staging.repository().binDir() + "/pg_basebackup", "-d", "host="
                + connection.host() + " port=" + connection.port() + " user=" + connection.user()
                + " application_name=strata_basebackup", "-D", staging.dataPath(), "-X", "stream", "-c", "fast", "-C",
                "-S", slot, "-P", "-w");
        HostConnection.Result result = host.run(host.as(OS_USER, command), Map.of("PGPASSFILE", passfile(staging)),
                null, BASEBACKUP_TIMEOUT, line -> {
                    Matcher matcher = PROGRESS.matcher(line);
                    if (matcher.find()) {
                        progress.progress(Integer.parseInt(matcher.group(3)), "pg_basebackup: " + matcher.group(1)
                                + " of " + matcher.group(2) + " kB");
                    }
                });
        if (result.exitCode() != 0) {
            // Leave nothing behind: the slot the backup made, the files it wrote.
            sourceSql.execute("select pg_drop_replication_slot(slot_name) from pg_replication_slots where slot_name "
                    + "= '" + slot + "' and not active;");
            host.run(List.of("sh", "-c", "find \"$1\" -mindepth 1 -delete", "sh", staging.dataPath()), Map.of(), null,
                    Duration.ofMinutes(10));
            throw new UserError("The base backup from the source failed.", "Check the output; the source must allow "
                    + "replication connections from the staging host in pg_hba.conf.", result.stderr());
        }
        writeStandbyConfiguration(source, staging, connection, minimums);
        progress.progress(100, "base backup done");
    }

    /** The source's values of the settings a standby must have at least as high. */
    private static Map<String, String> standbyMinimums(Psql sourceSql) {
        Map<String, String> minimums = new LinkedHashMap<>();
        for (List<String> setting : sourceSql.rows("select name, setting from pg_settings where name in ("
                + String.join(", ", STANDBY_MINIMUMS.stream().map(name -> "'" + name + "'").toList()) + ")")) {
            minimums.put(setting.get(0), setting.get(1));
        }
        return minimums;
    }

    /**
     * Logs in with the new password, then rewrites the standby's passfile: its WAL receiver reads it at each
     * connection, so the standby keeps streaming across the source's next disconnect without a restart.
     */
    @Override
    public void credentialsChanged(LinkedSource source, Staging staging) {
        source(source, staging).value("select 1");
        if (staging.dataPath() != null) {
            writePassfile(staging, Connection.of(source));
        }
    }

    @Override
    public StagingPod stagingPod(LinkedSource source, Staging client) {
        if (source.flag("logSync", false)) {
            throw new UserError("logSync keeps the source's WAL in the staging copy's work directory, which a pod "
                    + "does not keep across restarts.", "Link without logSync, or stage on a host environment.");
        }
        Psql sourceSql = source(source, client);
        int major = Integer.parseInt(sourceSql.value("select current_setting('server_version_num')")) / 10000;
        return PostgresStagingPod.of(source, major, standbyMinimums(sourceSql));
    }

    private static void prepareDirectories(Staging staging) {
        HostConnection host = staging.host();
        String owner = OS_USER + ":" + OS_USER;
        HostFiles.run(host, null, "prepare " + staging.workPath(), "mkdir", "-p", socketDir(staging.workPath()),
                walArchive(staging.workPath()));
        if ("root".equals(host.user())) {
            HostFiles.run(host, null, "give " + staging.workPath() + " to postgres", "chown", "-R", owner, staging
                    .workPath());
            if (staging.dataPath() != null) {
                HostFiles.run(host, null, "give " + staging.dataPath() + " to postgres", "chown", owner, staging
                        .dataPath());
            }
        }
        HostFiles.run(host, OS_USER, "protect " + staging.workPath(), "chmod", "700", staging.workPath());
        if (staging.dataPath() != null) {
            HostFiles.run(host, OS_USER, "protect " + staging.dataPath(), "chmod", "700", staging.dataPath());
        }
    }

    private static String passfile(Staging staging) {
        return staging.workPath() + "/pgpass";
    }

    private static void writePassfile(Staging staging, Connection connection) {
        HostFiles.write(staging.host(), OS_USER, passfile(staging), escape(connection.host()) + ":" + connection
                .port() + ":*:" + escape(connection.user()) + ":" + escape(connection.password()) + "\n");
    }

    private static String escape(String field) {
        return field.replace("\\", "\\\\").replace(":", "\\:");
    }

    private static void writeStandbyConfiguration(LinkedSource source, Staging staging, Connection connection,
            Map<String, String> minimums) {
        HostConnection host = staging.host();
        String data = staging.dataPath();
        String work = staging.workPath();
        if (!HostFiles.exists(host, data + "/postgresql.conf")) {
            // Debian keeps postgresql.conf outside the data directory; the standby needs one, its settings come
            // from postgresql.auto.conf.
            HostFiles.write(host, OS_USER, data + "/postgresql.conf",
                    "# Created by Strata; see postgresql.auto.conf\n");
        }
        HostFiles.write(host, OS_USER, work + "/pg_hba.conf", "local all all peer\n");
        HostFiles.write(host, OS_USER, work + "/pg_ident.conf", "");
        HostFiles.write(host, OS_USER, data + "/standby.signal", "");
        StringBuilder conf = new StringBuilder("\n# Strata staging standby of source ").append(source.id()).append(
                "\n");
        setting(conf, "port", String.valueOf(staging.port()));
        setting(conf, "listen_addresses", "");
        setting(conf, "unix_socket_directories", socketDir(work));
        setting(conf, "hba_file", work + "/pg_hba.conf");
        setting(conf, "ident_file", work + "/pg_ident.conf");
        setting(conf, "primary_conninfo", "host=" + connection.host() + " port=" + connection.port() + " user="
                + connection.user() + " passfile=" + passfile(staging) + " application_name=" + slotName(source
                        .id()));
        setting(conf, "primary_slot_name", slotName(source.id()));
        setting(conf, "hot_standby", "on");
        if (source.flag("logSync", false)) {
            // The standby archives every WAL segment it receives: the log of the source, kept with the dataset.
            setting(conf, "archive_mode", "always");
            setting(conf, "archive_command", "test ! -f '" + walArchive(work) + "/%f' && cp '%p' '"
                    + walArchive(work) + "/%f'");
        } else {
            setting(conf, "archive_mode", "off");
        }
        setting(conf, "logging_collector", "off");
        setting(conf, "shared_buffers", "128MB");
        // Without fsync the standby replays WAL full of page images several times faster (its WAL receiver no longer
        // waits for the disk after each write) and its restartpoint costs what it writes. Each snapshot is flushed
        // by the sync first, and startStaging refuses a copy the host's crash may have torn.
        setting(conf, "fsync", source.flag("stagingFsync", false) ? "on" : "off");
        setting(conf, "cluster_name", "strata-staging-" + source.id());
        minimums.forEach((name, value) -> setting(conf, name, value));
        HostFiles.append(host, OS_USER, data + "/postgresql.auto.conf", conf.toString());
    }

    static void setting(StringBuilder conf, String name, String value) {
        conf.append(name).append(" = '").append(value.replace("'", "''")).append("'\n");
    }

    @Override
    public void startStaging(LinkedSource source, Staging staging) {
        prepareDirectories(new Staging(staging.host(), null, staging.workPath(), staging.port(), staging
                .repository()));
        if (running(staging)) {
            return;
        }
        refuseTornCopy(source, staging);
        HostConnection.Result result = staging.host().run(staging.host().as(OS_USER, List.of(staging.repository()
                .binDir() + "/pg_ctl", "-D", staging.dataPath(), "-l", staging.workPath() + "/postgres.log", "-w",
                "-t", "300", "start")), Map.of(), null, Duration.ofMinutes(6));
        if (result.exitCode() != 0) {
            throw new UserError("The staging standby did not start.", "See its log below and "
                    + staging.workPath() + "/postgres.log.", result.stdout() + result.stderr() + tailLog(staging));
        }
        HostFiles.run(staging.host(), OS_USER, "note the boot the staging standby started in", "sh", "-c",
                "rm -f \"$1\" && cat " + BOOT_ID + " > \"$1\"", "sh", bootMarker(staging));
    }

    /** Where the staging standby notes the boot of its host it last started in. */
    private static String bootMarker(Staging staging) {
        return staging.workPath() + "/started-in-boot";
    }

    /**
     * Refuses to start a standby that ran without fsync when its host went down: whatever the kernel had not yet
     * written was lost with it, so the copy may be torn. Stopped cleanly (by Strata, or by the host's own shutdown,
     * which writes every file out), its control file says so; killed, it says it was in recovery, which is harmless
     * on the same boot (nothing written is lost while the kernel runs) and not after another one.
     */
    private static void refuseTornCopy(LinkedSource source, Staging staging) {
        if (source.flag("stagingFsync", false)) {
            return;
        }
        HostConnection.Result state = staging.host().run(List.of("sh", "-c", "cat \"$1\" 2>/dev/null; echo '|'; "
                + "cat " + BOOT_ID + "; echo '|'; \"$2\"/pg_controldata \"$3\" | sed -n "
                + "'s/^Database cluster state: *//p'", "sh", bootMarker(staging), staging.repository().binDir(),
                staging.dataPath()), Map.of(), null, Duration.ofSeconds(30));
        String[] fields = state.stdout().split("\\|", -1);
        if (fields.length < 3) {
            return;
        }
        String startedIn = fields[0].strip();
        String now = fields[1].strip();
        String clusterState = fields[2].strip();
        if (!startedIn.isEmpty() && !startedIn.equals(now) && !clusterState.startsWith("shut down")) {
            throw new UserError("The staging copy of this source ran without fsync when its host stopped without "
                    + "shutting down (its state: " + clusterState + "), so it may have lost writes and cannot be "
                    + "trusted.",
                    "Load it again: POST /api/v1/sources/" + source.id() + "/sync with {\"resync\": "
                            + "true}. Snapshots taken before are not affected.");
        }
    }

    @Override
    public void stopStaging(LinkedSource source, Staging staging) {
        if (running(staging)) {
            staging.host().runChecked(staging.host().as(OS_USER, List.of(staging.repository().binDir() + "/pg_ctl",
                    "-D", staging.dataPath(), "-m", "fast", "-w", "-t", "120", "stop")), Duration.ofMinutes(3),
                    "The staging standby did not stop.", "See " + staging.workPath() + "/postgres.log.");
            // Without fsync the files of the clean stop may still be in the page cache only.
            staging.flushToDisk();
        }
    }

    static boolean running(Staging staging) {
        return staging.host().run(staging.host().as(OS_USER, List.of(staging.repository().binDir() + "/pg_ctl", "-D",
                staging.dataPath(), "status")), Map.of(), null, Duration.ofSeconds(30)).exitCode() == 0;
    }

    private static String tailLog(Staging staging) {
        HostConnection.Result tail = staging.host().run(List.of("tail", "-n", "20", staging.workPath()
                + "/postgres.log"), Map.of(), null, Duration.ofSeconds(10));
        return tail.exitCode() == 0 ? "\n" + tail.stdout() : "";
    }

    @Override
    public StagingStatus status(LinkedSource source, Staging staging) {
        if (!running(staging)) {
            return new StagingStatus(false, null, null, null, "the staging standby is stopped");
        }
        List<String> standby = staging(staging).rows("select pg_last_wal_replay_lsn(), "
                + "to_char(pg_last_xact_replay_timestamp() at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"'), "
                + "coalesce((select status from pg_stat_wal_receiver), 'not streaming')").get(0);
        long replay = Lsn.parse(standby.get(0));
        Instant lastReplay = standby.get(1).isEmpty() ? null : Instant.parse(standby.get(1));
        Long lagBytes = null;
        Double lagSeconds = null;
        try {
            long current = Lsn.parse(source(source, staging).value("select pg_current_wal_flush_lsn()"));
            lagBytes = Math.max(0, current - replay);
            lagSeconds = lagBytes == 0 || lastReplay == null
                    ? 0.0
                    : Duration.between(lastReplay, Instant.now())
                            .toMillis() / 1000.0;
        } catch (UserError e) {
            return new StagingStatus(true, null, null, lastReplay, "the source cannot be reached: " + e.getMessage());
        }
        return new StagingStatus(true, lagBytes, lagSeconds, lastReplay, "standby replays at " + standby.get(0)
                + ", WAL receiver " + standby.get(2));
    }

    @Override
    public SnapshotPoint preSnapshot(LinkedSource source, Staging staging, ProgressListener progress) {
        Psql sourceSql = source(source, staging);
        Psql standby = staging(staging);
        long standbyRedo;
        try {
            standbyRedo = Lsn.parse(standby.value("select redo_lsn from pg_control_checkpoint()"));
        } catch (UserError e) {
            requireRunning(staging);
            throw e;
        }
        progress.progress(5, "flushing the source's WAL (after a CHECKPOINT if it wrote more than "
                + REDO_WITHOUT_CHECKPOINT / 1024 / 1024 + " MB since the standby's last restartpoint)");
        long target = flushSourceWal(source, sourceSql, standbyRedo);
        String closedSegment = source.flag("logSync", false) ? switchWal(sourceSql) : null;
        if (closedSegment != null) {
            target = Lsn.parse(sourceSql.value("select pg_current_wal_flush_lsn()"));
        }
        Instant deadline = Instant.now().plus(CATCH_UP_TIMEOUT);
        awaitReplay(standby, staging, target, deadline, progress);
        if (closedSegment != null) {
            awaitArchive(standby, staging, closedSegment, deadline, progress);
        }
        progress.progress(60, "restartpoint on the standby");
        // The point is read before the volume is flushed: everything the standby replayed up to it was written
        // before, so the flush puts it in the snapshot.
        SnapshotPoint point = restartpoint(source, staging, standby);
        staging.flushToDisk();
        return point;
    }

    private static void requireRunning(Staging staging) {
        if (!running(staging)) {
            throw new UserError("The staging standby of this source is not running.", "Start it again: disable "
                    + "and enable the source (POST /sources/{id}/disable, then /enable), or load it again (POST "
                    + "/sources/{id}/sync with {\"resync\": true}).");
        }
    }

    /**
     * In one call to the source: a CHECKPOINT when it is worth its cost, then every commit the source acknowledged
     * before this sync made durable in its WAL; returns the flush position that then covers them.
     * <p>
     * The CHECKPOINT shortens the standby's restartpoint and so a clone's redo. It is worth it only when the source
     * wrote more than {@link #REDO_WITHOUT_CHECKPOINT} of WAL since the standby's last restartpoint ({@code
     * standbyRedo}): below that a clone redoes that little WAL in a few milliseconds, and an idle or quiet source is
     * never disturbed. Only a superuser or a member of pg_checkpoint may run it, and the user can turn it off.
     * <p>
     * A commit made with {@code synchronous_commit = off} returns before its WAL is flushed, and the standby only
     * receives flushed WAL: without the flush a row committed just before the sync could miss the snapshot. A
     * transaction of our own that writes WAL and commits synchronously flushes the WAL up to its commit record, and
     * so everything before it. It must write WAL: PostgreSQL commits a transaction that only took a transaction id
     * asynchronously (so {@code txid_current()} flushes nothing), which let a snapshot miss the source's last
     * asynchronous commits. A transactional logical message is WAL that any role may write, changes no table, and
     * logical decoding consumers skip a prefix they do not know.
     */
    private static long flushSourceWal(LinkedSource source, Psql sourceSql, long standbyRedo) {
        String worthIt = source.flag("checkpointOnSync", true)
                ? "(rolsuper or coalesce((select pg_has_role(current_user, oid, 'member') from pg_roles where "
                        + "rolname = 'pg_checkpoint'), false)) and pg_current_wal_lsn() - '" + Lsn.format(standbyRedo)
                        + "'::pg_lsn > " + REDO_WITHOUT_CHECKPOINT
                : "false";
        List<List<String>> rows = sourceSql.rows("select " + worthIt + " as checkpoint from pg_roles where rolname = "
                + "current_user \\gset\n\\if :checkpoint\nCHECKPOINT;\n\\endif\nset synchronous_commit = on;\n"
                + "select pg_logical_emit_message(true, 'strata', 'sync') as message \\gset\n"
                + "select pg_current_wal_flush_lsn();\n");
        return Lsn.parse(rows.get(rows.size() - 1).get(0));
    }

    /**
     * Closes the current segment so that the standby can archive everything up to this sync; returns the closed
     * segment's name, or {@code null} when there is nothing to wait for. Without WAL since the last switch,
     * pg_switch_wal does nothing and answers a segment boundary.
     */
    private static String switchWal(Psql sourceSql) {
        List<String> switched = sourceSql.rows("select l, pg_walfile_name(l), (select setting::bigint from "
                + "pg_settings where name = 'wal_segment_size') from pg_switch_wal() l").get(0);
        return Lsn.parse(switched.get(0)) % Long.parseLong(switched.get(2)) != 0 ? switched.get(1) : null;
    }

    /** Waits until the standby has replayed up to {@code target}, the source's flush position when the sync began. */
    private static void awaitReplay(Psql standby, Staging staging, long target, Instant deadline,
            ProgressListener progress) {
        long replayed;
        while ((replayed = Lsn.parse(standby.value("select pg_last_wal_replay_lsn()"))) < target) {
            if (Instant.now().isAfter(deadline)) {
                throw new UserError("The staging standby did not catch up with the source within "
                        + CATCH_UP_TIMEOUT.toMinutes() + " minutes (replayed " + Lsn.format(replayed) + " of "
                        + Lsn.format(target) + ").",
                        "Check the standby's log at " + staging.workPath()
                                + "/postgres.log and the network to the source.");
            }
            progress.progress(20, "waiting for the standby to replay up to " + Lsn.format(target) + " (at "
                    + Lsn.format(replayed) + ")");
            sleep(100);
        }
    }

    /** Waits until the standby has archived {@code closedSegment}, so the snapshot's archive reaches this sync. */
    private static void awaitArchive(Psql standby, Staging staging, String closedSegment, Instant deadline,
            ProgressListener progress) {
        progress.progress(50, "waiting for the standby to archive " + closedSegment);
        while (archived(standby).compareTo(closedSegment) < 0) {
            if (Instant.now().isAfter(deadline)) {
                throw new UserError("The staging standby did not archive WAL segment " + closedSegment
                        + " in time.",
                        "Check archive_command errors in " + staging.workPath()
                                + "/postgres.log and the free space of " + walArchive(staging.workPath()) + ".");
            }
            sleep(100);
        }
    }

    /**
     * Makes a restartpoint on the standby and returns where it stands after it, with what a clone needs to know about
     * the source: one call.
     */
    private static SnapshotPoint restartpoint(LinkedSource source, Staging staging, Psql standby) {
        List<String> point = standby.rows("CHECKPOINT; select pg_last_wal_replay_lsn(), "
                + "to_char(coalesce(pg_last_xact_replay_timestamp(), now()) at time zone 'UTC', "
                + "'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"'), current_setting('server_version'), "
                + "(select timeline_id from pg_control_checkpoint()), "
                + "(select system_identifier from pg_control_system()), "
                + "(select redo_wal_file from pg_control_checkpoint())").get(0);
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put(SnapshotMetadata.ENGINE.key(), "postgresql");
        metadata.put(SnapshotMetadata.SERVER_VERSION.key(), point.get(2));
        metadata.put(SnapshotMetadata.TIMELINE.key(), point.get(3));
        metadata.put("systemIdentifier", point.get(4));
        metadata.put(SnapshotMetadata.DATABASE.key(), source.string("connection.database"));
        metadata.put(SnapshotMetadata.USER.key(), source.string("connection.user"));
        if (source.flag("logSync", false)) {
            metadata.put(SnapshotMetadata.WAL_ARCHIVE.key(), walArchive(staging.workPath()));
            // A clone recovers from the restartpoint's redo record on: the segment holding it is the first it reads.
            metadata.put(SnapshotMetadata.LOG_FROM.key(), point.get(5));
        }
        return new SnapshotPoint(point.get(0), Instant.parse(point.get(1)), metadata);
    }

    /**
     * Removes the archived WAL segments before {@code firstNeeded}, of any timeline: a segment's place in the log is
     * its name less the timeline (the last 16 of its 24 hex digits). History files and anything else stay.
     */
    @Override
    public void trimLog(LinkedSource source, Staging staging, String firstNeeded) {
        if (!source.flag("logSync", false) || firstNeeded == null || !firstNeeded.matches("[0-9A-F]{24}")) {
            return;
        }
        HostFiles.run(staging.host(), OS_USER, "remove the WAL segments before " + firstNeeded, "sh", "-c", TRIM_WAL,
                "sh", walArchive(staging.workPath()), firstNeeded.substring(8));
    }

    /** The last WAL segment the standby archived ({@code ""} before the first). */
    private static String archived(Psql standby) {
        String name = standby.value("select coalesce(last_archived_wal, '') from pg_stat_archiver");
        return name == null ? "" : name;
    }

    @Override
    public void postSnapshot(LinkedSource source, Staging staging, SnapshotPoint point) {
        // The standby keeps replaying while the snapshot is taken; the snapshot is atomic, so nothing to resume.
    }

    @Override
    public void unlink(LinkedSource source, Staging staging) {
        try {
            source(source, staging).execute("select pg_drop_replication_slot(slot_name) from pg_replication_slots "
                    + "where slot_name = '" + slotName(source.id()) + "';");
        } finally {
            staging.host().run(List.of("rm", "-rf", staging.workPath()), Map.of(), null, Duration.ofMinutes(1));
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserError("interrupted", null);
        }
    }
}
