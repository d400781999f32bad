package io.strata.ingest.rest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.strata.ingest.engine.Engines;

/** {@code /api/v1/engines}: the installed engine plugins and the JSON schemas of their parameters. */
@Path("/api/v1/engines")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Sources")
public class EngineResource {

    @Inject
    Engines engines;

    @GET
    @Operation(summary = "Engine plugins", description = "Each with the JSON schema of its source and virtual parameters.")
    public List<Map<String, Object>> list() {
        return engines.all().values().stream().map(plugin -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", plugin.name());
            entry.put("sourceParameters", plugin.sourceParameters().toJsonSchema());
            entry.put("virtualParameters", plugin.virtualParameters().toJsonSchema());
            return entry;
        }).toList();
    }
}
