package io.strata.contracts.storage;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.strata.contracts.events.Event;
import io.strata.contracts.events.EventType;

/**
 * A fact: a volume can be mounted over NFS (answer to {@link ExportRequested}).
 *
 * @param requestId the request this answers
 * @param volumeId the exported volume
 * @param server the NFS server address
 * @param port the NFS server port
 * @param path the NFSv4 pseudo path to mount
 * @param clients who may mount it
 */
@EventType(value = "ExportCreated", version = 1)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ExportCreated(String requestId, String volumeId, String server, int port, String path,
        List<String> clients) implements Event {

    @Override
    public String subject() {
        return volumeId;
    }
}
