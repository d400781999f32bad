package io.strata.engine;

import java.util.Map;

/**
 * A source as a plugin sees it during linked operations.
 *
 * @param id the source's id (stable; plugins may use it in names, e.g. of a replication slot)
 * @param name its name
 * @param parameters its validated source parameters, secrets removed
 * @param secrets its secret parameters by path, e.g. {@code connection.password}
 * @param sourceHost the host the source lives on (the one whose files are copied, for the files plugin)
 */
public record LinkedSource(String id, String name, Map<String, Object> parameters, Map<String, String> secrets,
        HostConnection sourceHost) {

    /** A nested string parameter such as {@code connection.host}, or {@code null}. */
    public String string(String path) {
        Object value = value(path);
        return value == null ? null : value.toString();
    }

    /** A nested integer parameter, or {@code fallback}. */
    public int integer(String path, int fallback) {
        Object value = value(path);
        return value instanceof Number number ? number.intValue() : fallback;
    }

    /** A nested boolean parameter, or {@code fallback}. */
    public boolean flag(String path, boolean fallback) {
        Object value = value(path);
        return value instanceof Boolean bool ? bool : fallback;
    }

    private Object value(String path) {
        Object current = parameters;
        for (String part : path.split("\\.")) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(part);
        }
        return current;
    }
}
