package io.strata.masking.postgres;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A table (or, in {@link DatabaseSchema#materializedViews()}, a materialized view) as the catalog describes it.
 *
 * @param schema its schema
 * @param name its name
 * @param columns its columns, in order
 * @param keys its primary key, unique and exclusion constraints
 * @param indexes all its indexes, those of the constraints included
 * @param foreignKeys the foreign keys that leave it
 * @param rowEstimate the planner's estimate of its rows ({@code reltuples}), -1 when never analyzed
 * @param partitionOf when it is a partition, the partitioned tables above it (its parent first), named like
 *        {@link #displayName()}; empty otherwise
 */
public record TableSchema(String schema, String name, List<ColumnSchema> columns, List<KeyConstraint> keys,
        List<IndexSchema> indexes, List<ForeignKey> foreignKeys, long rowEstimate, List<String> partitionOf) {

    /** Copies that no caller changes. */
    public TableSchema {
        columns = List.copyOf(columns);
        keys = List.copyOf(keys);
        indexes = List.copyOf(indexes);
        foreignKeys = List.copyOf(foreignKeys);
        partitionOf = List.copyOf(partitionOf);
    }

    /** How rules and reports name it: {@code name} in {@code public}, {@code schema.name} elsewhere. */
    public String displayName() {
        return "public".equals(schema) ? name : schema + "." + name;
    }

    /** Its name quoted for SQL, schema included. */
    public String sql() {
        return Sql.quote(schema) + "." + Sql.quote(name);
    }

    /** The column of that exact name. */
    public Optional<ColumnSchema> column(String columnName) {
        return columns.stream().filter(column -> column.name().equals(columnName)).findFirst();
    }

    /** The columns COPY reads and writes: all but the generated ones, in order. */
    public List<String> copyColumns() {
        return columns.stream().filter(column -> !column.generated()).map(ColumnSchema::name).toList();
    }

    /** Its primary key, if it has one. */
    public Optional<KeyConstraint> primaryKey() {
        return keys.stream().filter(key -> key.kind() == KeyConstraint.Kind.PRIMARY_KEY).findFirst();
    }

    /** Its unique constraints. */
    public List<KeyConstraint> uniqueConstraints() {
        return keys.stream().filter(key -> key.kind() == KeyConstraint.Kind.UNIQUE).toList();
    }

    /** Its unique indexes that no constraint owns. */
    public List<IndexSchema> uniqueIndexes() {
        return indexes.stream().filter(index -> index.unique() && !index.backsConstraint()).toList();
    }

    /** Its indexes that are neither unique nor owned by a constraint. */
    public List<IndexSchema> otherIndexes() {
        return indexes.stream().filter(index -> !index.unique() && !index.backsConstraint()).toList();
    }

    /** The columns whose values must stay distinct or joinable: in a key, a unique index or a foreign key. */
    public Set<String> keyColumns() {
        Set<String> names = new HashSet<>();
        keys.stream().filter(key -> key.kind() != KeyConstraint.Kind.EXCLUSION).forEach(key -> names.addAll(key
                .columns()));
        uniqueIndexes().forEach(index -> names.addAll(index.columns()));
        foreignKeys.forEach(foreignKey -> names.addAll(foreignKey.columns()));
        return names;
    }
}
