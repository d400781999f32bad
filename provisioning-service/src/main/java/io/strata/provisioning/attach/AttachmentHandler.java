package io.strata.provisioning.attach;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.strata.common.events.EventRoutes;
import io.strata.contracts.events.Topics;
import io.strata.contracts.provisioning.AttachRequested;
import io.strata.contracts.provisioning.DetachRequested;
import io.strata.contracts.storage.ExportCreated;
import io.strata.contracts.storage.StorageRequestFailed;

/** Attach and detach commands from the other services, and the snapshot service's answers about exports. */
@ApplicationScoped
public class AttachmentHandler extends EventRoutes {

    @Inject
    AttachmentService attachments;

    public AttachmentHandler() {
        super(Set.of(Topics.INGEST, Topics.MASKING, Topics.CATALOG, Topics.SNAPSHOT));
        on(AttachRequested.class, request -> attachments.attach(request));
        on(DetachRequested.class, request -> attachments.detach(request.requestId(), request.volumeId()));
        on(ExportCreated.class, this::exported);
        on(StorageRequestFailed.class, this::refused);
    }

    private void exported(ExportCreated export) {
        if (ours(export.requestId())) {
            attachments.exported(export);
        }
    }

    private void refused(StorageRequestFailed failure) {
        if (ours(failure.requestId())) {
            attachments.exportRefused(failure.requestId(), failure.reason());
        }
    }

    /** Whether the snapshot service answers one of this service's export requests. */
    private static boolean ours(String requestId) {
        return requestId != null && requestId.startsWith(AttachmentService.EXPORT_REQUEST);
    }
}
