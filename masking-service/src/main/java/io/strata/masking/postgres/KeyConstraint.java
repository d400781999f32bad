package io.strata.masking.postgres;

import java.util.List;

/**
 * A primary key, unique or exclusion constraint: masking drops it while it rewrites the table and adds it again,
 * which checks it.
 *
 * @param name the constraint's name (also its index's name)
 * @param kind which kind of constraint
 * @param columns its columns, in order
 * @param definition what {@code pg_get_constraintdef} gives, to add it again as it was
 * @param inherited whether it belongs to a partitioned parent, so it cannot be dropped from the partition alone
 * @param comment its comment, {@code null} when none
 */
public record KeyConstraint(String name, Kind kind, List<String> columns, String definition, boolean inherited,
        String comment) {

    /** The kinds of constraint that own an index. */
    public enum Kind {

        /** {@code PRIMARY KEY}. */
        PRIMARY_KEY("primary key"),
        /** {@code UNIQUE}. */
        UNIQUE("unique constraint"),
        /** {@code EXCLUDE}. */
        EXCLUSION("exclusion constraint");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        /** How messages name it. */
        public String label() {
            return label;
        }
    }

    /** A copy that no caller changes. */
    public KeyConstraint {
        columns = List.copyOf(columns);
    }
}
