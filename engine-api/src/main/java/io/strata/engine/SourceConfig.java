package io.strata.engine;

import java.util.Map;

/**
 * A database (or directory) found through a repository (Delphix: a source config): what can be linked.
 *
 * @param name its name, e.g. the database name
 * @param properties what the plugin found: size, encoding, owner...
 */
public record SourceConfig(String name, Map<String, Object> properties) {
}
