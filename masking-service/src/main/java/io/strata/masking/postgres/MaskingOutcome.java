package io.strata.masking.postgres;

import java.time.Duration;
import java.util.Map;

/**
 * What masking did.
 *
 * @param rowsPerTable the rows of each masked table (unchanged by masking)
 * @param valuesPerColumn the non-NULL original values of each masked column
 * @param changedPerColumn the rows of each masked column whose masked value differs from the original
 * @param bytesRead the bytes of COPY text read from the masked tables
 * @param took how long masking took, foreign keys included (the leak check is not)
 */
public record MaskingOutcome(Map<String, Long> rowsPerTable, Map<ColumnRef, Long> valuesPerColumn,
        Map<ColumnRef, Long> changedPerColumn, long bytesRead, Duration took) {

    /** Copies that no caller changes. */
    public MaskingOutcome {
        rowsPerTable = Map.copyOf(rowsPerTable);
        valuesPerColumn = Map.copyOf(valuesPerColumn);
        changedPerColumn = Map.copyOf(changedPerColumn);
    }

    /** The rows of all masked tables. */
    public long rows() {
        return rowsPerTable.values().stream().mapToLong(Long::longValue).sum();
    }
}
