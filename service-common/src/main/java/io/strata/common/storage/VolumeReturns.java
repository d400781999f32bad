package io.strata.common.storage;

import io.strata.common.events.EventPublisher;
import io.strata.contracts.provisioning.DetachRequested;
import io.strata.contracts.storage.DeleteVolumeRequested;

/**
 * Giving a volume back: detached wherever it is attached, then deleted. Both commands go through the caller's outbox
 * in the caller's transaction; the delete follows the volume's creation on the same Kafka key, so asking for a volume
 * whose creation was refused or is still on its way is harmless (the delete is refused in turn, or comes after).
 */
public final class VolumeReturns {

    private VolumeReturns() {
    }

    /** Asks for {@code volumeId} to be detached and deleted, with request ids {@code <prefix>-detach}/{@code -volume}. */
    public static void giveBack(EventPublisher events, String requestIdPrefix, String volumeId) {
        if (volumeId != null) {
            events.publish(new DetachRequested(requestIdPrefix + "-detach", volumeId));
            events.publish(new DeleteVolumeRequested(requestIdPrefix + "-volume", volumeId));
        }
    }
}
