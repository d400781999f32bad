package io.strata.ingest.engine;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.strata.common.errors.ApiException;
import io.strata.engine.EnginePlugin;
import io.strata.engine.Plugins;

/** The engine plugins on the class path, by name. */
@ApplicationScoped
public class Engines {

    private final Map<String, EnginePlugin> plugins = Plugins.load();

    /** All plugins. */
    public Map<String, EnginePlugin> all() {
        return plugins;
    }

    /** One plugin, or 400 naming the field and the known engines. */
    public EnginePlugin require(String name) {
        EnginePlugin plugin = name == null ? null : plugins.get(name);
        if (plugin == null) {
            throw ApiException.badRequest("engine", "engine must be one of " + plugins.keySet() + ", got '" + name
                    + "'.");
        }
        return plugin;
    }
}
