package io.strata.snapshot;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.strata.testing.Ports;
import io.strata.testing.StrataHome;

/**
 * A snapshot-service test's own STRATA_HOME: a btrfs pool on a sparse file (size from the init arg {@code size},
 * default 4G) loop-mounted inside it, NFS-Ganesha on a free port; all stopped and unmounted afterwards.
 */
public class PoolTestResource implements QuarkusTestResourceLifecycleManager {

    private StrataHome home;
    private String size = "4G";

    @Override
    public void init(Map<String, String> initArgs) {
        size = initArgs.getOrDefault("size", size);
    }

    @Override
    public Map<String, String> start() {
        home = StrataHome.create();
        return Map.of("strata.home", home.toString(), "strata.snapshot.pool.driver", "btrfs",
                "strata.snapshot.pool.size", size, "strata.snapshot.nfs.port", String.valueOf(Ports.free()),
                "strata.snapshot.schedules.retention", "1h", "strata.snapshot.schedules.space", "1h");
    }

    @Override
    public void stop() {
        if (home != null) {
            home.close();
        }
    }
}
