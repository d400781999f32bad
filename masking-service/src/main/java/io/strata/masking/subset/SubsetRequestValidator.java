package io.strata.masking.subset;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import io.strata.masking.subset.SubsetRequest.Reference;
import io.strata.masking.subset.SubsetRequest.Root;
import io.strata.masking.subset.SubsetRequest.VirtualKey;
import io.strata.masking.subset.SubsetSchema.Column;
import io.strata.masking.subset.SubsetSchema.ForeignKey;
import io.strata.masking.subset.SubsetSchema.Table;

/**
 * Checks a {@link SubsetRequest} against a database and resolves its names to tables. Every problem is a
 * {@link SubsetError} naming the field ({@code roots[0].table}, {@code virtualKeys[1].references.columns}) and saying
 * what would be accepted: the tables there are, the table's columns, or the database's own message for a
 * {@code where} it rejects. The checks that ask the database run in a savepoint or transaction rolled back at once.
 */
public final class SubsetRequestValidator {

    private static final int TABLES_LISTED = 60;

    private final Connection connection;
    private final SubsetSchema schema;

    /**
     * @param connection the database the request will run on
     * @param schema its schema
     */
    public SubsetRequestValidator(Connection connection, SubsetSchema schema) {
        this.connection = connection;
        this.schema = schema;
    }

    /**
     * The request's roots and virtual keys, resolved.
     *
     * @throws SubsetError naming the first field at fault
     * @throws SQLException when the database cannot be asked
     */
    public Resolved check(SubsetRequest request) throws SQLException {
        if (request.roots().isEmpty()) {
            throw new SubsetError("roots", "At least one root is required: {table, where} or {table, percent}.");
        }
        List<RootRows> roots = new ArrayList<>();
        for (int i = 0; i < request.roots().size(); i++) {
            roots.add(root("roots[" + i + "]", request.roots().get(i)));
        }
        List<ForeignKey> virtualKeys = new ArrayList<>();
        for (int i = 0; i < request.virtualKeys().size(); i++) {
            virtualKeys.add(virtualKey("virtualKeys[" + i + "]", request.virtualKeys().get(i)));
        }
        return new Resolved(roots, virtualKeys);
    }

    private RootRows root(String field, Root root) throws SQLException {
        if (root == null) {
            throw new SubsetError(field, field + " is null: give {table, where} or {table, percent}.");
        }
        Table table = table(field + ".table", root.table());
        Double percent = root.percent();
        if (percent != null && !(percent > 0 && percent <= 100)) {
            throw new SubsetError(field + ".percent", field + ".percent must be more than 0 and at most 100, not "
                    + percent + ".");
        }
        String where = root.where();
        if (where != null) {
            checkWhere(field + ".where", table, where);
        }
        return new RootRows(table, where, percent);
    }

    private void checkWhere(String field, Table table, String where) throws SQLException {
        if (where.isBlank()) {
            throw new SubsetError(field, field + " is blank: write a condition such as country = 'USA', or leave "
                    + "it out to start from every row of " + table + ".");
        }
        String problem = SqlPredicate.problem(where).orElse(null);
        if (problem != null) {
            throw new SubsetError(field, field + " is not one condition: " + problem + ".");
        }
        String query = "SELECT 1 FROM " + table.sql() + " AS " + Sql.quote(table.name()) + " WHERE ("
                + KeepSets.predicateText(where) + ")";
        try {
            Sql.inTransaction(connection, false, () -> Sql.explainRows(connection, query));
        } catch (SQLException e) {
            throw new SubsetError(field, field + " is not a condition on " + table + " that PostgreSQL accepts: "
                    + e.getMessage());
        }
    }

    private ForeignKey virtualKey(String field, VirtualKey key) throws SQLException {
        if (key == null || key.references() == null) {
            throw new SubsetError(key == null ? field : field + ".references", field
                    + " needs a table, its columns and references: {table, columns}.");
        }
        Table child = table(field + ".table", key.table());
        List<String> columns = columns(field + ".columns", child, key.columns());
        Reference reference = key.references();
        Table parent = table(field + ".references.table", reference.table());
        List<String> referenced = columns(field + ".references.columns", parent, reference.columns());
        if (columns.size() != referenced.size()) {
            throw new SubsetError(field + ".references.columns", field + " has " + columns.size()
                    + " columns but references " + referenced.size() + ": give as many, in matching order.");
        }
        ForeignKey virtual = new ForeignKey("virtual key " + child + columns + " -> " + parent + referenced, child,
                columns, parent, referenced, false, false);
        String join = "SELECT 1 FROM " + child.sql() + " c JOIN " + parent.sql() + " p ON "
                + Sql.equal(Sql.qualified("c", columns), Sql.qualified("p", referenced));
        try {
            Sql.inTransaction(connection, false, () -> Sql.explainRows(connection, join));
        } catch (SQLException e) {
            throw new SubsetError(field + ".columns", field + " cannot join " + child + " to " + parent
                    + " on these columns: " + e.getMessage());
        }
        return virtual;
    }

    private Table table(String field, String name) {
        if (name == null || name.isBlank()) {
            throw new SubsetError(field, field + " is required; the tables are: " + tableList() + ".");
        }
        return schema.table(name).orElseThrow(() -> new SubsetError(field, "No table named '" + name + "' ("
                + field + "); the tables are: " + tableList() + "."));
    }

    private List<String> columns(String field, Table table, List<String> names) {
        if (names.isEmpty()) {
            throw new SubsetError(field, field + " is required: one or more columns of " + table + ".");
        }
        for (String name : names) {
            if (name == null || table.column(name).isEmpty()) {
                throw new SubsetError(field, "No column '" + name + "' in " + table + " (" + field
                        + "); its columns are: " + String.join(", ", table.columns().stream().map(Column::name)
                                .toList())
                        + ".");
            }
        }
        return names;
    }

    private String tableList() {
        List<String> names = schema.tableNames();
        if (names.isEmpty()) {
            return "(none: the database has no tables)";
        }
        return names.size() <= TABLES_LISTED
                ? String.join(", ", names)
                : String.join(", ", names.subList(0, TABLES_LISTED)) + " and " + (names.size() - TABLES_LISTED)
                        + " more";
    }

    /**
     * Root rows with their table resolved.
     *
     * @param table the table
     * @param where the condition, null for every row
     * @param percent the share, null for all
     */
    public record RootRows(Table table, String where, Double percent) {
    }

    /**
     * A checked request.
     *
     * @param roots its roots
     * @param virtualKeys its virtual keys as undeclared, unvalidated foreign keys
     */
    public record Resolved(List<RootRows> roots, List<ForeignKey> virtualKeys) {
    }
}
