package io.strata.testing;

import java.util.Map;

/**
 * {@link StrataTestEnvironment} with a PostgreSQL cluster of the test's own, which it may stop. A class of its own
 * (rather than an init argument) so that Quarkus always starts a fresh application for it.
 */
public class PrivatePostgresEnvironment extends StrataTestEnvironment {

    @Override
    public void init(Map<String, String> initArgs) {
        super.init(Map.of("postgres", "private"));
    }
}
