package io.strata.masking.subset;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.strata.masking.subset.SubsetReport.Disposition;
import io.strata.masking.subset.SubsetReport.NulledKey;
import io.strata.masking.subset.SubsetReport.TableRows;
import io.strata.masking.subset.SubsetRequest.Unrelated;
import io.strata.masking.subset.SubsetSchema.ForeignKey;
import io.strata.masking.subset.SubsetSchema.Table;

/**
 * Subsets a database in place: keeps the rows a request asks for and every row they need, deletes the rest. Meant for
 * a private, disposable copy (a working clone, a VDB): it deletes.
 *
 * <h2>What is kept</h2>
 * <ul>
 * <li><b>Roots.</b> The rows each root names: {@code where} on its table, then {@code percent} of those, chosen by a
 * hash of the primary key ({@code hashtext}) rather than {@code TABLESAMPLE}, so the same database gives the same
 * rows every time.</li>
 * <li><b>Up, always.</b> A kept row's parents (the rows its foreign keys and virtual keys reference) are kept,
 * transitively. Without this the subset would break a constraint; it is what makes the subset <em>valid</em>.</li>
 * <li><b>Down, from rows reached downward.</b> Rows referencing a root row are kept (a customer's invoices), and rows
 * referencing those (the invoices' lines), transitively. This is what makes the subset <em>useful</em>. Rows kept
 * only because something needs them as parents (the tracks the lines name, the genres of those tracks) pull in their
 * own parents but not their children: otherwise one shared genre would pull every track of the genre, every line
 * naming those tracks, every invoice, every customer, and the subset would be the database. As in the usual
 * subsetting tools, the subset is "the roots, everything below them, and everything above all that".</li>
 * <li><b>Fixed point.</b> Rows are added along every relationship until none adds a row: a row reached downward may
 * need a parent that brings more children into reach, and so on.</li>
 * <li><b>Cycles.</b> The foreign-key graph may hold cycles of any shape, self-references included
 * ({@code employee.reports_to}). Its strongly connected components ({@link StronglyConnected}, Tarjan) show them;
 * the rules inside a cycle repeat until nothing is added, rules elsewhere run once, in an order where everything that
 * feeds a rule ran before it. The user never breaks a cycle by hand. With {@code nullDanglingOptional}, a foreign
 * key inside a cycle whose columns are all nullable is cut instead: it is not followed upward, and a kept row whose
 * parent through it is not kept gets NULL in those columns; the report counts them. By default parents are pulled
 * in.</li>
 * <li><b>Unrelated tables.</b> Tables no root is joined to, through relationships in either direction, are left
 * whole ({@code unrelated: keep}, the default) or emptied ({@code unrelated: empty}); the report names them. A table
 * joined to the roots that the traversal never reaches keeps no row: keeping any would keep rows referencing deleted
 * ones (in Chinook, playlist tracks hang off tracks, which a subset of customers reaches only upward).</li>
 * </ul>
 *
 * <h2>How</h2>
 * The rows to keep are temporary tables of keys, one per table, filled by {@code INSERT ... SELECT DISTINCT} per
 * relationship and direction ({@link KeepSets}). Then, under {@code session_replication_role = replica} (foreign-key
 * and user triggers do not fire per row, cascades neither), each table loses the rows its keep table does not name
 * ({@code DELETE ... WHERE NOT EXISTS}), or, for tables keeping at most half their rows, is rewritten with only the
 * rows it keeps ({@link TableRewrites}); cut references are set to NULL; and every foreign
 * key and virtual key is checked by counting orphans, which must be none (for a virtual key or NOT VALID key, no more
 * than the kept rows already had). All of it is one transaction, or a savepoint of the caller's: a failure leaves the
 * database as it was.
 *
 * <h2>MariaDB</h2>
 * The same SQL, read with double-quoted identifiers ({@code ANSI_QUOTES}) and foreign key checks off for the session;
 * the keep tables are plain tables (a statement cannot read a MariaDB temporary table twice), which, like every DDL
 * statement there, commit: a failure on MariaDB leaves the copy part-subset, and the job says to start from a fresh
 * one. Tables are never rewritten (a TRUNCATE of a referenced table is refused), a table needs a primary key, and the
 * percent of a root is chosen by {@code CRC32} of the key.
 *
 * <h2>Limits</h2>
 * <ul>
 * <li>The connection must be allowed to set {@code session_replication_role} (a superuser, or PostgreSQL 15's
 * {@code GRANT SET ON PARAMETER}).</li>
 * <li>A table without a primary key is tracked by {@code ctid} (and {@code tableoid} when partitioned), the row's
 * physical address: valid only while nothing else writes the table during the run, which a private copy
 * guarantees. Its duplicate rows are kept or deleted one by one, as they are reached.</li>
 * <li>A {@code where} is SQL run as the connection's user: it may call any function that user may call.</li>
 * </ul>
 */
public final class SubsetExecutor {

    /**
     * Subsets the database the connection is on, in one transaction (or a savepoint when the connection is in a
     * transaction already, left for the caller to commit).
     *
     * @throws SubsetError when the request does not fit the database, naming the field
     * @throws IllegalStateException when a foreign key would be broken (nothing is changed then)
     * @throws SQLException when the database fails (nothing is changed then)
     */
    public SubsetReport run(Connection connection, SubsetRequest request) throws SQLException {
        long start = System.nanoTime();
        if (Sql.mariaDb(connection)) {
            // PostgreSQL's session_replication_role = replica: no foreign key checks or cascades while rows go.
            Sql.update(connection, "SET SESSION foreign_key_checks = 0");
        }
        Traversal traversal = Traversal.prepare(connection, request);
        return Sql.inTransaction(connection, true, () -> {
            Run run = new Run(connection, traversal, request.unrelated());
            run.subset();
            return run.report(Duration.ofNanos(System.nanoTime() - start));
        });
    }

    /** One run: the counts and findings it collects on the way. */
    private static final class Run {

        private final Connection connection;
        private final Traversal traversal;
        private final Unrelated unrelated;
        private final KeepSets keep;
        private final Map<String, Long> before = new LinkedHashMap<>();
        private final Map<String, Long> kept = new LinkedHashMap<>();
        private final Map<ForeignKey, Long> danglingBefore = new HashMap<>();
        private final List<NulledKey> nulled = new ArrayList<>();
        private Set<Table> rewritten = Set.of();

        Run(Connection connection, Traversal traversal, Unrelated unrelated) throws SQLException {
            this.connection = connection;
            this.traversal = traversal;
            this.unrelated = unrelated;
            this.keep = new KeepSets(connection, traversal);
        }

        void subset() throws SQLException {
            boolean mariaDb = Sql.mariaDb(connection);
            // First, so that a user who may not do it learns before any work is done.
            String role = mariaDb ? null : replicaRole();
            keep.fill();
            kept.putAll(keep.counts());
            for (Table table : allTables()) {
                before.put(table.displayName(), Sql.count(connection, "SELECT count(*) FROM " + table.sql()));
            }
            for (ForeignKey key : checkedKeys()) {
                if (!key.validated()) {
                    danglingBefore.put(key, keep.danglingKept(key));
                }
            }
            TableRewrites rewrites = new TableRewrites(connection, keep);
            // MariaDB deletes: a rewrite's TRUNCATE of tables other tables reference is refused there.
            rewritten = mariaDb ? Set.of() : rewrites.choose(traversal.related(), before, kept, traversal.keys());
            rewrites.rewrite(rewritten);
            for (Table table : traversal.related()) {
                if (!rewritten.contains(table)) {
                    keep.deleteOthers(table);
                }
            }
            if (unrelated == Unrelated.EMPTY) {
                for (Table table : traversal.unrelated()) {
                    Sql.update(connection, "DELETE FROM " + table.sql());
                }
            }
            for (ForeignKey key : traversal.deferred()) {
                nullDangling(key);
            }
            verify();
            keep.drop();
            Sql.update(connection, mariaDb
                    ? "SET SESSION foreign_key_checks = 1"
                    : "SET LOCAL session_replication_role = " + role);
        }

        private List<Table> allTables() {
            List<Table> tables = new ArrayList<>(traversal.related());
            tables.addAll(traversal.unrelated());
            return tables;
        }

        /** Keys whose child rows the subset deletes from: those of tables joined to a root. */
        private List<ForeignKey> checkedKeys() {
            Set<String> related = traversal.related().stream().map(Table::displayName).collect(Collectors.toSet());
            return traversal.keys().stream().filter(key -> related.contains(key.child().displayName())).toList();
        }

        /** Turns foreign-key triggers off for the transaction; returns the role to restore. */
        private String replicaRole() throws SQLException {
            String role;
            try (Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("SHOW session_replication_role")) {
                rows.next();
                role = rows.getString(1);
            }
            try {
                Sql.inTransaction(connection, true,
                        () -> Sql.update(connection, "SET LOCAL session_replication_role = replica"));
                return role;
            } catch (SQLException e) {
                throw new SubsetError("connection", "Subsetting deletes with foreign-key triggers off and needs to "
                        + "set session_replication_role: connect as a superuser, or GRANT SET ON PARAMETER "
                        + "session_replication_role to the user. PostgreSQL said: " + e.getMessage());
            }
        }

        private void nullDangling(ForeignKey key) throws SQLException {
            List<String> assignments = key.columns().stream().map(column -> Sql.quote(column) + " = NULL").toList();
            int rows = Sql.update(connection, "UPDATE " + key.child().sql() + " c SET " + String.join(", ",
                    assignments) + " WHERE " + KeepSets.dangling(key));
            nulled.add(new NulledKey(key.name(), key.child().displayName(), key.columns(), rows));
        }

        private void verify() throws SQLException {
            for (ForeignKey key : checkedKeys()) {
                long orphans = Sql.count(connection, "SELECT count(*) FROM " + key.child().sql() + " c WHERE "
                        + KeepSets.dangling(key));
                long allowed = danglingBefore.getOrDefault(key, 0L);
                if (orphans > allowed) {
                    throw new IllegalStateException("The subset would leave " + orphans + " rows of "
                            + key.child() + " referencing missing rows of " + key.parent() + " through " + key.name()
                            + (allowed > 0 ? " (" + allowed + " did before)" : "")
                            + "; nothing was deleted. This is a defect of the subset: please report it with the "
                            + "request and the schema.");
                }
            }
        }

        SubsetReport report(Duration elapsed) {
            List<TableRows> tables = new ArrayList<>();
            for (Table table : traversal.related()) {
                String name = table.displayName();
                tables.add(new TableRows(name, before.get(name), kept.get(name), Disposition.SUBSET));
            }
            for (Table table : traversal.unrelated()) {
                String name = table.displayName();
                boolean keepIt = unrelated == Unrelated.KEEP;
                tables.add(new TableRows(name, before.get(name), keepIt ? before.get(name) : 0,
                        keepIt ? Disposition.UNRELATED_KEPT : Disposition.UNRELATED_EMPTIED));
            }
            return new SubsetReport(tables, nulled, notes(tables), elapsed);
        }

        private List<String> notes(List<TableRows> tables) {
            List<String> notes = new ArrayList<>();
            List<String> unrelatedNames = traversal.unrelated().stream().map(Table::displayName).toList();
            if (!unrelatedNames.isEmpty()) {
                notes.add((unrelated == Unrelated.KEEP
                        ? "Left whole (unrelated: keep, the default)"
                        : "Emptied (unrelated: empty)") + ", as no root is joined to them: "
                        + String.join(", ", unrelatedNames) + ".");
            }
            List<String> emptied = tables.stream().filter(rows -> rows.disposition() == Disposition.SUBSET
                    && rows.rowsKept() == 0 && rows.rowsBefore() > 0).map(TableRows::table).toList();
            if (!emptied.isEmpty()) {
                notes.add("Emptied, as no kept row reaches them downward or needs them: " + String.join(", ", emptied)
                        + ". Add a root to keep some.");
            }
            if (!rewritten.isEmpty()) {
                notes.add("Rewritten (the kept rows copied aside, the tables truncated together and the rows put back, "
                        + "rather than the others deleted): " + String.join(", ", rewritten.stream().map(
                                Table::displayName).toList())
                        + ".");
            }
            danglingBefore.forEach((key, rows) -> {
                if (rows > 0) {
                    notes.add(rows + " kept rows of " + key.child() + " referenced no row of " + key.parent()
                            + " through " + key.name() + " already before the subset.");
                }
            });
            return notes;
        }
    }
}
