package io.strata.contracts.storage;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A volume as the API and the events show it ({@code GET /api/v1/volumes/{id}}).
 *
 * @param id the volume id
 * @param dataset the dataset it belongs to
 * @param state CREATING, READY, DELETING, DELETED or FAILED
 * @param originSnapshot for a clone, the snapshot it was cloned from; {@code null} for an empty volume
 * @param path where the volume is mounted on the storage host
 * @param logicalSize bytes the volume's data takes as seen by its user
 * @param uniqueSize bytes that only this volume holds (what deleting it would free)
 * @param export the NFS export, when there is one
 * @param createdAt when it was created
 * @param error why it FAILED
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record VolumeView(String id, String dataset, String state, String originSnapshot, String path,
        Long logicalSize, Long uniqueSize, ExportView export, Instant createdAt, String error) {
}
