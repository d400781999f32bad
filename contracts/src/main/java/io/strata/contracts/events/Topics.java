package io.strata.contracts.events;

import java.util.List;

/**
 * Topic names. Each producing service has one topic, {@code <prefix>.<service>.events}, and one dead-letter topic,
 * {@code <prefix>.<service>.dlq}. The prefix is {@code strata} unless configured otherwise (tests use a fresh prefix
 * per run so that they never see each other's events).
 */
public final class Topics {

    public static final String DEFAULT_PREFIX = "strata";

    public static final String INGEST = "ingest";
    public static final String SNAPSHOT = "snapshot";
    public static final String MASKING = "masking";
    public static final String PROVISIONING = "provisioning";
    public static final String CATALOG = "catalog";

    /** Every producing service, in the order of the architecture page. */
    public static final List<String> SERVICES = List.of(INGEST, SNAPSHOT, MASKING, PROVISIONING, CATALOG);

    private Topics() {
    }

    /** The events topic of a service, e.g. {@code strata.snapshot.events}. */
    public static String events(String prefix, String service) {
        return prefix + "." + service + ".events";
    }

    /** The dead-letter topic of a consuming service, e.g. {@code strata.catalog.dlq}. */
    public static String deadLetter(String prefix, String service) {
        return prefix + "." + service + ".dlq";
    }
}
