package io.strata.engine;

import java.util.List;
import java.util.Map;

/** Finding what can be linked on a host. */
public interface DiscoveryOperations {

    /** The engine's installations on the host (none is a valid answer). */
    List<Repository> repositories(HostConnection host);

    /**
     * The databases reachable through a repository with the given connection fields (for PostgreSQL: host, port,
     * user; the password among {@code secrets}).
     */
    List<SourceConfig> sourceConfigs(HostConnection host, Repository repository, Map<String, Object> connection,
            Map<String, String> secrets);
}
