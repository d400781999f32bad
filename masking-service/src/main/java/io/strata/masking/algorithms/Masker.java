package io.strata.masking.algorithms;

/**
 * One column's masking, configured: a keyed, deterministic function from an original value to its masked value. The
 * values are PostgreSQL's text form of the column's type (what {@code COPY ... TO STDOUT} writes), {@code null} for
 * SQL NULL. Implementations are thread-safe: tables are masked in parallel.
 */
@FunctionalInterface
public interface Masker {

    /**
     * The masked value.
     *
     * @param value the original value, {@code null} for SQL NULL
     * @param row the row's other original values, for algorithms that follow another column (a date shifted per
     *        entity, an e-mail made from the masked name)
     */
    String mask(String value, Row row);

    /**
     * Whether every value of a column may come out as it went in without anything being wrong: a clamp whose bounds
     * hold every value, a fixed value already there, free text with nothing to redact. Masking otherwise takes a
     * column of which nothing changed for a rule on the wrong column.
     */
    default boolean mayLeaveAllValues() {
        return false;
    }

    /** The masker, allowed to leave every value as it is ({@link #mayLeaveAllValues}). */
    static Masker mayLeaveAll(Masker masker) {
        return new Masker() {

            @Override
            public String mask(String value, Row row) {
                return masker.mask(value, row);
            }

            @Override
            public boolean mayLeaveAllValues() {
                return true;
            }
        };
    }

    /** The original values of the row being masked. */
    @FunctionalInterface
    interface Row {

        /** A column's original value in this row ({@code null} for SQL NULL or a column the table lacks). */
        String original(String column);

        /** A row with no other columns. */
        Row NONE = column -> null;
    }
}
