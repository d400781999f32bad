package io.strata.masking.rest;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.strata.masking.algorithms.Algorithms;

/** {@code /api/v1/algorithms}: the masking algorithms a rule may name. */
@Path("/api/v1/algorithms")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Masking")
public class AlgorithmResource {

    /**
     * An algorithm.
     *
     * @param name its name in rules
     * @param keepsDistinct whether it may mask key and unique columns
     */
    public record AlgorithmView(String name, boolean keepsDistinct) {
    }

    @GET
    @Operation(summary = "Masking algorithms")
    public List<AlgorithmView> list() {
        return Algorithms.names().stream().map(name -> new AlgorithmView(name, Algorithms.named(name)
                .keepsDistinct())).toList();
    }
}
