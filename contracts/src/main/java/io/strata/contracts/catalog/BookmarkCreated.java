package io.strata.contracts.catalog;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.strata.contracts.events.Event;
import io.strata.contracts.events.EventType;

/**
 * A fact: a bookmark is ready, its snapshots held by the snapshot service; virtual databases may be provisioned or
 * rewound to it.
 *
 * @param bookmark the bookmark
 */
@EventType(value = "BookmarkCreated", version = 1)
@JsonIgnoreProperties(ignoreUnknown = true)
public record BookmarkCreated(BookmarkView bookmark) implements Event {

    @Override
    public String subject() {
        return bookmark.id();
    }
}
