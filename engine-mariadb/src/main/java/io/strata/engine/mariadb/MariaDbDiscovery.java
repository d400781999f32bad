package io.strata.engine.mariadb;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.strata.engine.DiscoveryOperations;
import io.strata.engine.HostConnection;
import io.strata.engine.Repository;
import io.strata.engine.SourceConfig;

/** Finds MariaDB server installations (packages, /usr/local/mysql, /opt, PATH) and the databases a connection sees. */
class MariaDbDiscovery implements DiscoveryOperations {

    private static final Pattern VERSION = Pattern.compile("Ver ([0-9]+\\.[0-9]+\\.[0-9]+)-MariaDB");

    /**
     * Prints each server program found, resolved (so {@code mysqld}, a link to {@code mariadbd}, counts once), with
     * the directory of its client programs: its own when it has {@code mariadb}, else the {@code bin} beside it.
     */
    private static final String FIND = """
            for f in /usr/sbin/mariadbd /usr/sbin/mysqld /usr/local/mysql/bin/mariadbd /usr/local/mysql/bin/mysqld \\
                /opt/mariadb*/bin/mariadbd /opt/mariadb*/bin/mysqld $(command -v mariadbd mysqld 2> /dev/null); do
              [ -x "$f" ] || continue
              real=$(readlink -f "$f"); dir=$(dirname "$real")
              if [ -x "$dir/mariadb" ]; then clients=$dir; else clients=$(dirname "$dir")/bin; fi
              echo "$real|$clients"
            done
            true
            """;

    /** The release series of a version ({@code 10.11} of {@code 10.11.19-MariaDB-log}). */
    static String series(String version) {
        String[] parts = version.split("[.-]");
        return parts.length >= 2 ? parts[0] + "." + parts[1] : version;
    }

    @Override
    public List<Repository> repositories(HostConnection host) {
        HostConnection.Result found = host.run(List.of("sh", "-c", FIND), Map.of(), null, Duration.ofSeconds(30));
        Set<String> servers = new LinkedHashSet<>(found.stdout().lines().map(String::strip).filter(line -> !line
                .isEmpty()).toList());
        List<Repository> repositories = new ArrayList<>();
        for (String line : servers) {
            String server = line.substring(0, line.indexOf('|'));
            String clientDir = line.substring(line.indexOf('|') + 1);
            HostConnection.Result version = host.run(List.of(server, "--version"), Map.of(), null, Duration
                    .ofSeconds(30));
            Matcher matcher = VERSION.matcher(version.stdout());
            if (version.exitCode() == 0 && matcher.find()) {
                String full = matcher.group(1);
                Map<String, String> properties = new LinkedHashMap<>();
                // The provisioning service matches a snapshot's server version to an installation by "major".
                properties.put("major", full.split("\\.")[0]);
                properties.put("series", series(full));
                properties.put("server", server);
                properties.put("clientDir", clientDir);
                repositories.add(new Repository(MariaDbPlugin.NAME, "MariaDB " + full, full, server.substring(0,
                        server.lastIndexOf('/')), properties));
            }
        }
        return repositories;
    }

    @Override
    public List<SourceConfig> sourceConfigs(HostConnection host, Repository repository, Map<String, Object> connection,
            Map<String, String> secrets) {
        Object port = connection.get("port");
        MariaDbClient client = MariaDbClient.tcp(host, ServerProcess.clientDir(repository), String.valueOf(connection
                .getOrDefault("host", "127.0.0.1")), port instanceof Number number
                        ? number.intValue()
                        : MariaDbPlugin.DEFAULT_PORT,
                connection.get("database") instanceof String database ? database : null, String.valueOf(connection
                        .get("user")),
                secrets.get("connection.password"));
        List<SourceConfig> configs = new ArrayList<>();
        for (List<String> row : client.rows("SELECT s.SCHEMA_NAME, s.DEFAULT_CHARACTER_SET_NAME, (SELECT "
                + "COALESCE(SUM(t.DATA_LENGTH + t.INDEX_LENGTH), 0) FROM information_schema.TABLES t WHERE "
                + "t.TABLE_SCHEMA = s.SCHEMA_NAME), @@version FROM information_schema.SCHEMATA s WHERE s.SCHEMA_NAME "
                + "NOT IN ('mysql', 'information_schema', 'performance_schema', 'sys') ORDER BY s.SCHEMA_NAME")) {
            Map<String, Object> properties = new LinkedHashMap<>();
            properties.put("size", Long.parseLong(row.get(2)));
            properties.put("encoding", row.get(1));
            properties.put("serverVersion", row.get(3));
            configs.add(new SourceConfig(row.get(0), properties));
        }
        return configs;
    }
}
