package io.strata.engine;

import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** Finds the engine plugins on the class path. */
public final class Plugins {

    private Plugins() {
    }

    /** Every plugin by name; fails when two claim the same name. */
    public static Map<String, EnginePlugin> load() {
        Map<String, EnginePlugin> plugins = new TreeMap<>();
        for (EnginePlugin plugin : ServiceLoader.load(EnginePlugin.class, Plugins.class.getClassLoader())) {
            EnginePlugin previous = plugins.put(plugin.name(), plugin);
            if (previous != null) {
                throw new IllegalStateException("two engine plugins are named " + plugin.name() + ": "
                        + previous.getClass().getName() + " and " + plugin.getClass().getName());
            }
        }
        return plugins;
    }
}
