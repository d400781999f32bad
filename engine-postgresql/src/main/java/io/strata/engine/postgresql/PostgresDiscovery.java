package io.strata.engine.postgresql;

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

/** Finds PostgreSQL installations (Debian, RHEL and PATH layouts) and the databases a connection can see. */
class PostgresDiscovery implements DiscoveryOperations {

    private static final Pattern VERSION = Pattern.compile("\\(PostgreSQL\\) ([0-9]+(?:\\.[0-9]+)*)");

    @Override
    public List<Repository> repositories(HostConnection host) {
        String script = "for d in /usr/lib/postgresql/*/bin /usr/pgsql-*/bin /usr/local/pgsql/bin; do "
                + "[ -x \"$d/postgres\" ] && echo \"$d\"; done; "
                + "command -v pg_config >/dev/null 2>&1 && pg_config --bindir; true";
        HostConnection.Result found = host.run(List.of("sh", "-c", script), Map.of(), null, Duration.ofSeconds(30));
        Set<String> binDirs = new LinkedHashSet<>(found.stdout().lines().map(String::strip).filter(line -> !line
                .isEmpty()).toList());
        List<Repository> repositories = new ArrayList<>();
        for (String binDir : binDirs) {
            HostConnection.Result version = host.run(List.of(binDir + "/postgres", "--version"), Map.of(), null,
                    Duration.ofSeconds(30));
            Matcher matcher = VERSION.matcher(version.stdout());
            if (version.exitCode() == 0 && matcher.find()) {
                String full = matcher.group(1);
                repositories.add(new Repository("postgresql", "PostgreSQL " + full, full, binDir, Map.of("major",
                        full.split("\\.")[0])));
            }
        }
        return repositories;
    }

    @Override
    public List<SourceConfig> sourceConfigs(HostConnection host, Repository repository, Map<String, Object> connection,
            Map<String, String> secrets) {
        Object port = connection.get("port");
        Psql psql = Psql.tcp(host, repository.binDir(), String.valueOf(connection.getOrDefault("host", "127.0.0.1")),
                port instanceof Number number ? number.intValue() : 5432, String.valueOf(connection.getOrDefault(
                        "database", "postgres")),
                String.valueOf(connection.get("user")), secrets.get(
                        "connection.password"));
        List<SourceConfig> configs = new ArrayList<>();
        for (List<String> row : psql.rows("select datname, pg_database_size(datname), pg_encoding_to_char(encoding), "
                + "pg_get_userbyid(datdba), current_setting('server_version') from pg_database "
                + "where not datistemplate and datallowconn order by datname")) {
            Map<String, Object> properties = new LinkedHashMap<>();
            properties.put("size", Long.parseLong(row.get(1)));
            properties.put("encoding", row.get(2));
            properties.put("owner", row.get(3));
            properties.put("serverVersion", row.get(4));
            configs.add(new SourceConfig(row.get(0), properties));
        }
        return configs;
    }
}
