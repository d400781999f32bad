package io.strata.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * Results on standard output: a table (the default) of chosen columns, or the server's JSON as it came, as JSON or
 * YAML ({@code -o json|yaml}), for scripts.
 */
public final class Output {

    /** The formats of {@code -o}. */
    public enum Format {
        table, json, yaml
    }

    private final PrintWriter out;
    private final Format format;
    private final ObjectMapper json;

    /** Output in {@code format} to {@code out}. */
    public Output(PrintWriter out, Format format, ObjectMapper json) {
        this.out = out;
        this.format = format;
        this.json = json;
    }

    /** Whether the output is a table for people (messages may be printed) rather than data for programs. */
    public boolean forPeople() {
        return format == Format.table;
    }

    /** A list of resources: one row each. */
    public void list(JsonNode items, List<Column> columns) {
        if (!forPeople()) {
            data(items);
            return;
        }
        List<JsonNode> rows = new ArrayList<>();
        if (items != null && items.isArray()) {
            items.forEach(rows::add);
        }
        table(rows, columns);
    }

    /** One resource: a table of one row. */
    public void one(JsonNode item, List<Column> columns) {
        if (forPeople()) {
            table(List.of(item), columns);
        } else {
            data(item);
        }
    }

    /** A line for people; with {@code -o json|yaml}, {@code data} is printed instead. */
    public void message(String line, JsonNode data) {
        if (forPeople()) {
            out.println(line);
        } else {
            data(data);
        }
    }

    private void data(JsonNode node) {
        try {
            if (format == Format.yaml) {
                out.print(new YAMLMapper().writeValueAsString(node));
            } else {
                out.println(json.writerWithDefaultPrettyPrinter().writeValueAsString(node));
            }
            out.flush();
        } catch (JsonProcessingException e) {
            throw new CliException(ExitCode.INTERNAL, "cannot print the answer: " + e.getOriginalMessage());
        }
    }

    private void table(List<JsonNode> rows, List<Column> columns) {
        List<String[]> cells = new ArrayList<>();
        String[] header = new String[columns.size()];
        for (int c = 0; c < columns.size(); c++) {
            header[c] = columns.get(c).header().toUpperCase(Locale.ROOT);
        }
        cells.add(header);
        for (JsonNode row : rows) {
            String[] line = new String[columns.size()];
            for (int c = 0; c < columns.size(); c++) {
                line[c] = columns.get(c).value().apply(row);
            }
            cells.add(line);
        }
        int[] widths = new int[columns.size()];
        for (String[] line : cells) {
            for (int c = 0; c < line.length; c++) {
                widths[c] = Math.max(widths[c], line[c].length());
            }
        }
        for (String[] line : cells) {
            StringBuilder text = new StringBuilder();
            for (int c = 0; c < line.length; c++) {
                text.append(c == line.length - 1
                        ? line[c]
                        : String.format(Locale.ROOT, "%-" + widths[c] + "s  ",
                                line[c]));
            }
            out.println(text.toString().stripTrailing());
        }
        out.flush();
    }
}
