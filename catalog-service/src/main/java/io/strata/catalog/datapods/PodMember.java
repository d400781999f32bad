package io.strata.catalog.datapods;

/**
 * One virtual database of a data pod.
 *
 * @param dataset the template's dataset it is a copy of (a source or a masked dataset)
 * @param vdbId the virtual database's id
 * @param vdbName its name
 */
public record PodMember(String dataset, String vdbId, String vdbName) {
}
