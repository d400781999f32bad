package io.strata.contracts.provisioning;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.strata.contracts.events.Event;
import io.strata.contracts.events.EventType;
import io.strata.contracts.ingest.EnvironmentRef;

/**
 * A command to the provisioning service: make a volume usable on an environment, CSI-style: the pool's local path on
 * the same host, the volume's NFS export mounted there for an SSH host. Answered with {@link AttachmentReady} or
 * {@link AttachFailed}.
 *
 * @param requestId the requester's id for this request, echoed in the answer
 * @param volumeId the volume
 * @param localPath the volume's path on the storage host (from {@code VolumeCreated}/{@code CloneCreated})
 * @param environment where to attach it
 * @param mountPath where to mount it on an SSH host ({@code null}: a default under /var/lib/strata/mnt)
 * @param purpose what for, e.g. {@code staging} or {@code vdb}
 */
@EventType(value = "AttachRequested", version = 1)
@JsonIgnoreProperties(ignoreUnknown = true)
public record AttachRequested(String requestId, String volumeId, String localPath, EnvironmentRef environment,
        String mountPath,
        String purpose) implements Event {

    @Override
    public String subject() {
        return volumeId;
    }
}
