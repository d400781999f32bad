package io.strata.common.util;

import java.util.UUID;

/**
 * Ids of resources: a prefix that says what the resource is ({@code vdb}, {@code snap}, {@code vol}, ...) and 12 hex
 * digits of a random UUID, e.g. {@code vdb-3fa85f64-5717}. Short enough to type, long enough not to collide.
 */
public final class Ids {

    private Ids() {
    }

    /** A new id with the given prefix. */
    public static String next(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 13);
    }
}
