package io.strata.cli;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/** A JSON request body built from options: what was not given is left out, so that the server's defaults hold. */
final class Body extends LinkedHashMap<String, Object> {

    private static final long serialVersionUID = 1L;

    /** Adds {@code key} unless {@code value} is absent ({@code null}, an empty collection or map). */
    Body with(String key, Object value) {
        boolean empty = value == null || value instanceof Collection<?> items && items.isEmpty()
                || value instanceof Map<?, ?> map && map.isEmpty();
        if (!empty) {
            put(key, value);
        }
        return this;
    }

    /** Adds {@code key} only when the flag was given ({@code true}). */
    Body flag(String key, boolean given) {
        return given ? with(key, Boolean.TRUE) : this;
    }
}
