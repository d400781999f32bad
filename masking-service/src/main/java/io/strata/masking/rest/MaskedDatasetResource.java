package io.strata.masking.rest;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.strata.common.security.AdminOnly;
import io.strata.masking.dataset.CreateMaskedDataset;
import io.strata.masking.dataset.MaskedDatasetService;
import io.strata.masking.dataset.MaskedDatasetView;

/** {@code /api/v1/masked-datasets}: sources masked on every sync, from which virtual databases are provisioned. */
@Path("/api/v1/masked-datasets")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Masking")
public class MaskedDatasetResource {

    @Inject
    MaskedDatasetService datasets;

    @AdminOnly
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Make a masked dataset", description = "{name, source, ruleset, resetUsers (default true), subset}. 202 with the job masking the source's newest snapshot; each later snapshot of the source is masked as it is taken. Provision from it with POST /api/v1/vdbs {from: {dataset: <id>}}.")
    public Response create(@Valid @NotNull(message = CreateMaskedDataset.REQUIRED) CreateMaskedDataset request) {
        return Response.accepted(datasets.create(request, null)).build();
    }

    @GET
    @Operation(summary = "Masked datasets, by name")
    public List<MaskedDatasetView> list() {
        return datasets.list();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One masked dataset", description = "With every masking of a source snapshot: its job, status, masked snapshot, key ids and error.")
    public MaskedDatasetView get(@PathParam("id") String id) {
        return datasets.view(id);
    }

    @AdminOnly
    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete a masked dataset", description = "409 while a snapshot is being masked for it. Its masked snapshots are deleted, except those virtual databases still depend on.")
    public Response delete(@PathParam("id") String id) {
        datasets.delete(id);
        return Response.noContent().build();
    }

    @AdminOnly
    @POST
    @Path("/{id}/refresh")
    @Operation(summary = "Mask the source's newest snapshot again", description = "After a failure, or after the ruleset changed. 202 with the job.")
    public Response refresh(@PathParam("id") String id) {
        return Response.accepted(datasets.refresh(id, null)).build();
    }

    @AdminOnly
    @GET
    @Path("/{id}/snapshots/{snapshotId}/credentials")
    @Operation(summary = "The database roles' new passwords in a masked snapshot", description = "With resetUsers, every role that can log in got a new password as the snapshot was masked (the production ones never reach a copy); a virtual database made from it sets its own user's password as it starts.")
    public Map<String, Object> credentials(@PathParam("id") String id, @PathParam("snapshotId") String snapshotId) {
        return datasets.credentials(id, snapshotId);
    }

    @GET
    @Path("/{id}/snapshots/{snapshotId}/report")
    @Operation(summary = "The report of a masked snapshot", description = "By the masked snapshot's id or its job's: rows and values masked per column, the verification, the key ids, the users reset, the subset's rows kept.")
    public Map<String, Object> report(@PathParam("id") String id, @PathParam("snapshotId") String snapshotId) {
        return datasets.report(id, snapshotId);
    }
}
