package io.strata.common.persistence;

import java.util.List;

import jakarta.persistence.Converter;

import com.fasterxml.jackson.core.type.TypeReference;

import io.strata.contracts.catalog.BookmarkPoint;

/** A bookmark's points column, as a JSON list. */
@Converter
public class BookmarkPointsConverter extends JsonColumns<List<BookmarkPoint>> {

    public BookmarkPointsConverter() {
        super(new TypeReference<>() {
        });
    }
}
