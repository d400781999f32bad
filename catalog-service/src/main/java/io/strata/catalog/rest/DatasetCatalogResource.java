package io.strata.catalog.rest;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.strata.catalog.datasets.DatasetCatalog;
import io.strata.catalog.datasets.DatasetView;

/**
 * {@code /api/v1/catalog/datasets}: every source, masked dataset and virtual database, with its lineage, size and
 * status, as the services announced them.
 */
@Path("/api/v1/catalog/datasets")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Catalog")
public class DatasetCatalogResource {

    @Inject
    DatasetCatalog catalog;

    @GET
    @Operation(summary = "Datasets", description = "Sources, masked datasets and virtual databases, by kind and name. Filters: ?kind=source|masked|vdb, ?status= (default: all but DELETED), ?parent=<dataset id>, ?name=<part of the name>.")
    public List<DatasetView> list(@QueryParam("kind") String kind, @QueryParam("status") String status,
            @QueryParam("parent") String parent, @QueryParam("name") String name) {
        return catalog.list(new DatasetCatalog.Filter(kind, status, parent, name));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One dataset with its lineage", description = "By id or name: the dataset, its ancestors nearest first (a virtual database's masked dataset, then its source), and the datasets made from it.")
    public DatasetView.Detail get(@PathParam("id") String id) {
        return catalog.detail(id);
    }
}
