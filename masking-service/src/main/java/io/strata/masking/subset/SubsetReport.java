package io.strata.masking.subset;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What a subset did.
 *
 * @param tables every table: rows before and kept, and why
 * @param nulled the references set to NULL because {@code nullDanglingOptional} cut their key
 * @param notes what a user should know: tables left whole or emptied, tables joined to the roots that kept nothing
 * @param elapsed the time from reading the schema to the end of the work, the commit excepted
 */
public record SubsetReport(List<TableRows> tables, List<NulledKey> nulled, List<String> notes, Duration elapsed) {

    /** Copies the lists. */
    public SubsetReport {
        tables = List.copyOf(tables);
        nulled = List.copyOf(nulled);
        notes = List.copyOf(notes);
    }

    /** A table's line, by name. */
    public Optional<TableRows> table(String name) {
        return tables.stream().filter(rows -> rows.table().equals(name)).findFirst();
    }

    /** Why a table has the rows it has. */
    public enum Disposition {
        /** Joined to a root: it keeps the rows the subset reached. */
        SUBSET,
        /** No root is joined to it; left whole ({@code unrelated: keep}). */
        UNRELATED_KEPT,
        /** No root is joined to it; emptied ({@code unrelated: empty}). */
        UNRELATED_EMPTIED
    }

    /**
     * One table.
     *
     * @param table its name
     * @param rowsBefore its rows before the subset
     * @param rowsKept its rows after
     * @param disposition why
     */
    public record TableRows(String table, long rowsBefore, long rowsKept, Disposition disposition) {
    }

    /**
     * References cut by {@code nullDanglingOptional}.
     *
     * @param key the foreign key or virtual key
     * @param table the referencing table
     * @param columns the columns set to NULL
     * @param rows how many rows were changed
     */
    public record NulledKey(String key, String table, List<String> columns, long rows) {
    }
}
