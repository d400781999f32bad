package io.strata.contracts.storage;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.strata.contracts.events.Event;
import io.strata.contracts.events.EventType;

/**
 * A command to the snapshot service: export a volume over NFS so that another host can mount it. Answered with
 * {@link ExportCreated} or {@link StorageRequestFailed}.
 *
 * @param requestId the requester's id for this request, echoed in the answer
 * @param volumeId the volume to export
 * @param clients the hosts or networks allowed to mount it (e.g. {@code 10.0.0.5}, {@code 10.0.0.0/24}); empty for
 *        the configured default
 */
@EventType(value = "ExportRequested", version = 1)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ExportRequested(String requestId, String volumeId, List<String> clients) implements Event {

    @Override
    public String subject() {
        return volumeId;
    }
}
