package io.strata.provisioning.attach;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.strata.common.events.EventHandler;
import io.strata.contracts.events.EventCodec;
import io.strata.contracts.events.EventEnvelope;
import io.strata.contracts.events.Topics;
import io.strata.contracts.provisioning.AttachRequested;
import io.strata.contracts.provisioning.DetachRequested;
import io.strata.contracts.storage.ExportCreated;
import io.strata.contracts.storage.StorageRequestFailed;

/** Attach and detach commands from the other services, and the snapshot service's answers about exports. */
@ApplicationScoped
public class AttachmentHandler implements EventHandler {

    @Inject
    EventCodec codec;

    @Inject
    AttachmentService attachments;

    @Override
    public Set<String> sources() {
        return Set.of(Topics.INGEST, Topics.MASKING, Topics.CATALOG, Topics.SNAPSHOT);
    }

    @Override
    public boolean accepts(EventEnvelope envelope) {
        return switch (envelope.type()) {
            case "AttachRequested", "DetachRequested" -> !Topics.SNAPSHOT.equals(envelope.source());
            case "ExportCreated", "StorageRequestFailed" -> Topics.SNAPSHOT.equals(envelope.source()) && envelope
                    .data().path("requestId").asText("").startsWith(AttachmentService.EXPORT_REQUEST);
            default -> false;
        };
    }

    @Override
    public void apply(EventEnvelope envelope) {
        switch (envelope.type()) {
            case "AttachRequested" -> attachments.attach(codec.payload(envelope, AttachRequested.class));
            case "DetachRequested" -> {
                DetachRequested request = codec.payload(envelope, DetachRequested.class);
                attachments.detach(request.requestId(), request.volumeId());
            }
            case "ExportCreated" -> attachments.exported(codec.payload(envelope, ExportCreated.class));
            case "StorageRequestFailed" -> {
                StorageRequestFailed failure = codec.payload(envelope, StorageRequestFailed.class);
                attachments.exportRefused(failure.requestId(), failure.reason());
            }
            default -> throw new IllegalStateException(envelope.type());
        }
    }
}
