package io.strata.it;

import java.util.List;

import io.strata.testing.PostgresCluster;
import io.strata.testing.Processes;
import io.strata.testing.ServiceProcess;
import io.strata.testing.StrataHome;

/** The end of an IT that ran services on a home of its own: services stopped, its engines stopped, all removed. */
final class Teardown {

    private Teardown() {
    }

    /**
     * Stops the services (those started), every PostgreSQL and MariaDB server with data under the home, the source, the
     * home.
     */
    static void of(StrataHome home, PostgresCluster source, ServiceProcess... services) {
        try {
            for (ServiceProcess service : services) {
                if (service != null) {
                    service.stop();
                }
            }
            Processes.run(30, List.of("sh", "-c", "pkill -f '[p]ostgres -D " + home + "' || true"));
            Processes.run(30, List.of("sh", "-c", "pkill -f '[m]ariadbd --defaults-file=" + home + "' || true"));
        } finally {
            source.close();
            home.close();
        }
    }
}
