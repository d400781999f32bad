package io.strata.masking.postgres;

import java.util.List;

/**
 * An index of a table.
 *
 * @param name the index's name
 * @param columns the plain columns of its key, in order (expressions left out)
 * @param unique whether it is unique
 * @param backsConstraint whether a primary key, unique or exclusion constraint owns it
 * @param inherited whether it is attached to an index of a partitioned parent, so it cannot be dropped alone
 * @param clustered whether {@code CLUSTER} uses it
 * @param replicaIdentity whether it is the table's replica identity
 * @param definition what {@code pg_get_indexdef} gives, to create it again as it was
 * @param comment its comment, {@code null} when none
 */
public record IndexSchema(String name, List<String> columns, boolean unique, boolean backsConstraint,
        boolean inherited, boolean clustered, boolean replicaIdentity, String definition, String comment) {

    /** A copy that no caller changes. */
    public IndexSchema {
        columns = List.copyOf(columns);
    }
}
