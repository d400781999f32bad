package io.strata.contracts.provisioning;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.strata.contracts.events.EventType;
import io.strata.contracts.events.Reply;

/**
 * A fact: a volume is usable on an environment at {@code path}.
 *
 * @param requestId the request this answers
 * @param attachmentId the attachment's id (for detaching)
 * @param volumeId the volume
 * @param environmentId the environment
 * @param path where the volume's files are on that environment
 */
@EventType(value = "AttachmentReady", version = 1)
@JsonIgnoreProperties(ignoreUnknown = true)
public record AttachmentReady(String requestId, String attachmentId, String volumeId, String environmentId,
        String path) implements Reply {

    @Override
    public String subject() {
        return volumeId;
    }
}
