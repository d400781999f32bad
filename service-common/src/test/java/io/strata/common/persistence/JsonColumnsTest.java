package io.strata.common.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.strata.contracts.catalog.BookmarkPoint;

/** JSON columns: values round-trip, and text that cannot be read is an error, never an empty value. */
class JsonColumnsTest {

    @Test
    void valuesRoundTrip() {
        StringMapConverter strings = new StringMapConverter();
        assertThat(strings.convertToEntityAttribute(strings.convertToDatabaseColumn(Map.of("engine", "postgresql"))))
                .containsEntry("engine", "postgresql");
        BookmarkPointsConverter points = new BookmarkPointsConverter();
        List<BookmarkPoint> read = points.convertToEntityAttribute(points.convertToDatabaseColumn(List.of(
                new BookmarkPoint("src-1", "snap-1"))));
        assertThat(read).containsExactly(new BookmarkPoint("src-1", "snap-1"));
        assertThat(new ObjectMapConverter().convertToEntityAttribute(null)).isNull();
    }

    @Test
    void unreadableTextIsAnErrorThatNamesTheType() {
        assertThatThrownBy(() -> new StringMapConverter().convertToEntityAttribute("{not json"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("java.util.Map");
        assertThatThrownBy(() -> new StringListConverter().convertToEntityAttribute("{\"a\": 1}"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("holds unreadable text");
    }
}
