package io.strata.masking.postgres;

/**
 * Where original values of a masked column were found after masking. Never holds a value: reports and logs may
 * show it.
 *
 * @param table the table (or materialized view) they were found in
 * @param column the column they were found in
 * @param kind how they were found
 * @param source the masked column they are original values of
 * @param count the number of values (cells) found
 */
public record Leak(String table, String column, Kind kind, ColumnRef source, long count) {

    /** How an original value was found. */
    public enum Kind {
        /** A whole value of the masked column itself is still an original one. */
        SAME_COLUMN,
        /** A whole value of another column is an original value of the masked column. */
        OTHER_COLUMN,
        /** An original value appears as words inside a longer text. */
        INSIDE_TEXT
    }

    /** One line saying what was found where and what to do, without the values. */
    public String describe() {
        String where = table + "." + column;
        String found = switch (kind) {
            case SAME_COLUMN -> count + " value(s) of " + where + " are original values that masking did not "
                    + "produce: something put them back after masking (a trigger, a failed step)";
            case OTHER_COLUMN -> count + " value(s) of " + where + " are original values of " + source
                    + "; add a rule for " + where + " too";
            case INSIDE_TEXT -> count + " value(s) of " + where + " contain original values of " + source
                    + " inside their text; add a rule for " + where + " (or clear it)";
        };
        return found + ", then mask a fresh clone again.";
    }
}
