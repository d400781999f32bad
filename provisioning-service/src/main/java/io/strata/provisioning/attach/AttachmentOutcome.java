package io.strata.provisioning.attach;

/**
 * CDI event fired in the transaction that ends an attachment, for this service's own virtual databases (other
 * services learn it from {@code AttachmentReady} / {@code AttachFailed}).
 *
 * @param requestId the request the attachment answers
 * @param volumeId the volume
 * @param path where it is on the environment, when attached
 * @param error why it failed, or {@code null}
 */
public record AttachmentOutcome(String requestId, String volumeId, String path, String error) {
}
