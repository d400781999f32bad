package io.strata.contracts.catalog;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.strata.contracts.events.Event;
import io.strata.contracts.events.EventType;

/**
 * A fact: a bookmark was shared or unshared; who may provision from it is now what {@code bookmark} says
 * ({@link BookmarkView#shared()}, {@link BookmarkView#sharedWith()}, {@link BookmarkView#owner()}).
 *
 * @param bookmark the bookmark as it is now
 */
@EventType(value = "BookmarkSharingChanged", version = 1)
@JsonIgnoreProperties(ignoreUnknown = true)
public record BookmarkSharingChanged(BookmarkView bookmark) implements Event {

    @Override
    public String subject() {
        return bookmark.id();
    }
}
