package io.strata.testing;

import java.util.Map;

/**
 * {@link StrataTestEnvironment} with a broker of the test's own, which it may stop and kill. A class of its own
 * (rather than an init argument) so that Quarkus always starts a fresh application for it.
 */
public class PrivateKafkaEnvironment extends StrataTestEnvironment {

    @Override
    public void init(Map<String, String> initArgs) {
        super.init(Map.of("kafka", "private"));
    }
}
