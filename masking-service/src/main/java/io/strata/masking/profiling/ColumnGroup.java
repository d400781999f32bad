package io.strata.masking.profiling;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

import io.strata.masking.algorithms.ColumnInfo;

/** The columns profiling samples, grouped by what their values can be, and the kinds each group may hold. */
enum ColumnGroup {

    /** Character types: any kind. */
    CHARACTER(Set.of("text", "varchar", "bpchar", "char", "name", "citext", "character varying", "character"),
            EnumSet.allOf(PiiKind.class)),
    /** JSON, read as text: tokens inside it. */
    JSON(Set.of("json", "jsonb"), EnumSet.of(PiiKind.FREE_TEXT_WITH_PII)),
    /** Dates and timestamps: dates of birth. */
    TEMPORAL(Set.of("date", "timestamp", "timestamptz"), EnumSet.of(PiiKind.DATE_OF_BIRTH)),
    /** Whole and exact numbers: identifiers kept as numbers (SSNs, card and phone numbers). */
    NUMBER(Set.of("int4", "int8", "numeric", "integer", "bigint", "decimal"), EnumSet.of(PiiKind.PHONE,
            PiiKind.NATIONAL_ID, PiiKind.CARD_NUMBER));

    private final Set<String> types;
    private final Set<PiiKind> kinds;

    ColumnGroup(Set<String> types, Set<PiiKind> kinds) {
        this.types = types;
        this.kinds = kinds;
    }

    /** The kinds a column of this group may hold. */
    Set<PiiKind> kinds() {
        return kinds;
    }

    /** The column's group, {@code null} for a type profiling does not sample (booleans, uuids, bytea, arrays). */
    static ColumnGroup of(ColumnInfo column) {
        return of(column.type());
    }

    /** The group of a type by its catalog name, {@code null} when profiling does not sample it. */
    static ColumnGroup of(String type) {
        String base = type == null ? "" : type.toLowerCase(Locale.ROOT);
        if (base.startsWith("pg_catalog.")) {
            base = base.substring("pg_catalog.".length());
        }
        for (ColumnGroup group : values()) {
            if (group.types.contains(base)) {
                return group;
            }
        }
        return null;
    }
}
