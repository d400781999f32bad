package io.strata.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One column of a table: its header and how a row's value is taken from a resource.
 *
 * @param header the header, printed in capitals
 * @param value the cell of one resource
 */
public record Column(String header, Function<JsonNode, String> value) {

    /** What an absent value shows as. */
    public static final String NONE = "-";

    /** A column showing a field; {@code path} may name a nested one ({@code connection.port}). */
    public static Column of(String header, String path) {
        return new Column(header, node -> Column.text(node, path));
    }

    /** Several columns, each showing the field named like it (header {@code NAME} for field {@code name}). */
    public static List<Column> fields(String... paths) {
        List<Column> columns = new ArrayList<>();
        for (String path : paths) {
            columns.add(of(path.substring(path.lastIndexOf('.') + 1).toUpperCase(Locale.ROOT), path));
        }
        return columns;
    }

    /** The field at {@code path} as text: arrays joined with commas, nothing as {@value #NONE}. */
    public static String text(JsonNode node, String path) {
        JsonNode value = node;
        for (String part : path.split("\\.")) {
            value = value == null ? null : value.get(part);
        }
        if (value == null || value.isNull() || value.isMissingNode()) {
            return NONE;
        }
        if (value.isArray()) {
            List<String> items = new ArrayList<>();
            value.forEach(item -> items.add(item.isValueNode() ? item.asText() : item.toString()));
            return items.isEmpty() ? NONE : String.join(",", items);
        }
        return value.isValueNode() ? value.asText() : value.toString();
    }
}
