package io.strata.provisioning.rest;

import java.time.Instant;
import java.util.List;

import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.panache.common.Sort;
import io.strata.provisioning.attach.Attachment;

/** {@code /api/v1/attachments}: where volumes are attached. */
@Path("/api/v1/attachments")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Attachments")
public class AttachmentResource {

    /**
     * An attachment as the API shows it.
     *
     * @param id its id
     * @param volumeId the volume
     * @param environmentId the environment
     * @param kind LOCAL or NFS
     * @param path where the files are on the environment
     * @param state ATTACHING, ATTACHED, DETACHED or FAILED
     * @param error why it failed
     * @param createdAt when it was requested
     */
    public record AttachmentView(String id, String volumeId, String environmentId, String kind, String path,
            String state, String error, Instant createdAt) {
    }

    @GET
    @Transactional
    @Operation(summary = "Attachments", description = "Optionally of one volume.")
    public List<AttachmentView> list(@QueryParam("volume") String volume) {
        List<Attachment> attachments = volume == null
                ? Attachment.listAll(Sort.descending("createdAt"))
                : Attachment.list("volumeId", Sort.descending("createdAt"), volume);
        return attachments.stream().map(a -> new AttachmentView(a.id, a.volumeId, a.environmentId, a.kind.name(),
                a.path, a.state.name(), a.error, a.createdAt)).toList();
    }
}
