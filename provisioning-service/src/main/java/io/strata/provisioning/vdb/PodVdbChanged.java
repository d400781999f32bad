package io.strata.provisioning.vdb;

/**
 * A CDI event: an operation on a virtual database of a data pod that a DataPod resource made ended, so that its
 * credentials Secret is written, or removed once it is deleted.
 *
 * @param vdbId the virtual database
 * @param name its name
 * @param namespace where its credentials Secret is kept
 * @param deleted whether it is deleted
 */
public record PodVdbChanged(String vdbId, String name, String namespace, boolean deleted) {
}
