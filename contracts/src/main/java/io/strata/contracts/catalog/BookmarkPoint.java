package io.strata.contracts.catalog;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * Where a bookmark stands on one dataset's timeline. A bookmark of a single dataset has one point; a data pod's
 * bookmark has one per dataset, all from one consistent moment.
 *
 * @param dataset the dataset (a source or a virtual database) whose timeline the point is on
 * @param snapshot the snapshot the point is, held for as long as the bookmark lives
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record BookmarkPoint(String dataset, String snapshot) {
}
