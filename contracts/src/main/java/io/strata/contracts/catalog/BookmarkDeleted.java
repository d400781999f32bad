package io.strata.contracts.catalog;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.strata.contracts.events.Event;
import io.strata.contracts.events.EventType;

/**
 * A fact: a bookmark is gone (deleted or expired) and its snapshots released.
 *
 * @param bookmarkId the bookmark
 * @param name its name
 */
@EventType(value = "BookmarkDeleted", version = 1)
@JsonIgnoreProperties(ignoreUnknown = true)
public record BookmarkDeleted(String bookmarkId, String name) implements Event {

    @Override
    public String subject() {
        return bookmarkId;
    }
}
