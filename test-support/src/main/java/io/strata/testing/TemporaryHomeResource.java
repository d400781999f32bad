package io.strata.testing;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Gives a {@code @QuarkusTest} its own {@code strata.home} (secrets, work directories, logs), so that a test never
 * writes into the machine's {@code /var/lib/strata}; removed (and unmounted) afterwards.
 */
public class TemporaryHomeResource implements QuarkusTestResourceLifecycleManager {

    private StrataHome home;

    @Override
    public Map<String, String> start() {
        StrataTestEnvironment.refuseMachineHome();
        home = StrataHome.create();
        return Map.of("strata.home", home.toString());
    }

    @Override
    public void stop() {
        if (home != null) {
            home.close();
        }
    }
}
