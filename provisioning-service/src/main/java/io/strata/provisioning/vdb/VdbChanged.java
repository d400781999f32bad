package io.strata.provisioning.vdb;

/**
 * A CDI event: an operation on a virtual database made for a Kubernetes resource ended (its clone, state or
 * connection may have changed), so that the resource's status is brought up to date at once.
 *
 * @param vdbId the virtual database
 * @param managedBy its resource, {@code namespace/name}
 */
public record VdbChanged(String vdbId, String managedBy) {
}
