package io.strata.catalog.rest;

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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.strata.catalog.bookmarks.Bookmark;
import io.strata.catalog.bookmarks.BookmarkService;
import io.strata.common.errors.ApiException;
import io.strata.common.jobs.Job;
import io.strata.contracts.catalog.BookmarkView;
import io.strata.contracts.catalog.CreateBookmark;

/** {@code /api/v1/bookmarks}: named points on timelines that virtual databases are provisioned or rewound to. */
@Path("/api/v1/bookmarks")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Bookmarks")
public class BookmarkResource {

    @Inject
    BookmarkService bookmarks;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Bookmark a snapshot", description = "{name, snapshot | dataset (its newest snapshot), tags, shared, expiresAt}. The snapshot is held while the bookmark lives. 202 with the job; READY when the hold is confirmed.")
    public Response create(@Valid @NotNull(message = CreateBookmark.REQUIRED) CreateBookmark request) {
        Bookmark bookmark = bookmarks.create(request);
        return Response.accepted(Map.of("id", bookmark.id, "jobId", bookmark.jobId)).build();
    }

    @GET
    @Operation(summary = "Bookmarks", description = "Newest first; ?shared=true|false and ?tag= filter them.")
    public List<BookmarkView> list(@QueryParam("shared") String shared, @QueryParam("tag") String tag) {
        if (shared != null && !shared.equals("true") && !shared.equals("false")) {
            throw ApiException.badRequest("shared", "shared is true or false, got '" + shared + "'.");
        }
        return bookmarks.list(shared == null ? null : Boolean.valueOf(shared), tag);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One bookmark", description = "By id or name.")
    public BookmarkView get(@PathParam("id") String id) {
        return bookmarks.view(bookmarks.require(id));
    }

    @POST
    @Path("/{id}/share")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Share a bookmark", description = "{users: [user name, ...]}: they see it and may make data pods of it (POST /datapods {fromBookmark}); without users, everyone. The owner or an admin; a bookmark of unmasked data of a sensitive source is shared with admins only (400).")
    public BookmarkView share(@PathParam("id") String id, ShareBookmark request) {
        return bookmarks.share(id, request == null ? null : request.users());
    }

    @POST
    @Path("/{id}/unshare")
    @Operation(summary = "Stop sharing a bookmark", description = "With everyone and every user; pods already made of it stay theirs.")
    public BookmarkView unshare(@PathParam("id") String id) {
        return bookmarks.unshare(id);
    }

    /**
     * {@code POST /api/v1/bookmarks/{id}/share}.
     *
     * @param users the user names to share it with; none or absent: everyone
     */
    public record ShareBookmark(List<String> users) {
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete a bookmark", description = "Releases its snapshots, then it is gone. 202 with the job.")
    public Response delete(@PathParam("id") String id) {
        String bookmarkId = bookmarks.require(id).id;
        Job job = bookmarks.delete(bookmarkId);
        return Response.accepted(Map.of("id", bookmarkId, "jobId", job.id)).build();
    }
}
