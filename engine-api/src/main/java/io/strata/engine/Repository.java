package io.strata.engine;

import java.util.Map;

/**
 * An installation of an engine found on a host (Delphix: a repository).
 *
 * @param engine the plugin's name
 * @param name a name for people, e.g. {@code PostgreSQL 15.18}
 * @param version the engine's version
 * @param binDir where its programs are
 * @param properties anything else the plugin wants to remember
 */
public record Repository(String engine, String name, String version, String binDir, Map<String, String> properties) {
}
