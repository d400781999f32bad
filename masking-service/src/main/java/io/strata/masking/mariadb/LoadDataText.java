package io.strata.masking.mariadb;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * The text {@code LOAD DATA} reads: fields separated by tabs, rows by newlines, {@code \N} for NULL, and a backslash
 * before a tab, newline, carriage return, NUL or backslash inside a value.
 */
final class LoadDataText {

    /** The clause that tells {@code LOAD DATA} this format. */
    static final String FORMAT = "fields terminated by '\\t' escaped by '\\\\' lines terminated by '\\n'";

    private LoadDataText() {
    }

    /** Writes one row. */
    static void writeRow(Writer out, List<String> fields) throws IOException {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.write('\t');
            }
            write(out, fields.get(i));
        }
        out.write('\n');
    }

    /** One field, escaped. */
    static void write(Writer out, String value) throws IOException {
        if (value == null) {
            out.write("\\N");
            return;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.write("\\\\");
                case '\t' -> out.write("\\t");
                case '\n' -> out.write("\\n");
                case '\r' -> out.write("\\r");
                case '\0' -> out.write("\\0");
                default -> out.write(c);
            }
        }
    }
}
