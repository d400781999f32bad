package io.strata.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.sun.management.OperatingSystemMXBean;

import io.strata.masking.algorithms.Algorithms;
import io.strata.masking.algorithms.ColumnInfo;
import io.strata.masking.algorithms.FileMaskingKeys;
import io.strata.masking.algorithms.Masker;
import io.strata.masking.algorithms.MaskingKeys;
import io.strata.masking.algorithms.MaskingRule;
import io.strata.masking.postgres.ColumnRef;
import io.strata.masking.postgres.ConnectionFactory;
import io.strata.masking.postgres.DatabaseSchema;
import io.strata.masking.postgres.MaskingOutcome;
import io.strata.masking.postgres.MaskingReport;
import io.strata.masking.postgres.PostgresMasking;
import io.strata.masking.postgres.SchemaReader;
import io.strata.masking.subset.SubsetExecutor;
import io.strata.masking.subset.SubsetPlan;
import io.strata.masking.subset.SubsetPlanner;
import io.strata.masking.subset.SubsetReport;
import io.strata.masking.subset.SubsetRequest;
import io.strata.testing.PostgresCluster;

/**
 * {@code make bench-masking}: Strata's masking of a PostgreSQL table of ten million orders (five text columns that
 * look like personal data: a name, an e-mail address, a phone number, a street address and a card number; an index on
 * the e-mail address; a foreign key to a table of a million customers) against what a user would write instead, one
 * SQL {@code UPDATE} of the same five columns with {@code md5()}, on an identical copy in the same run. Then a subset
 * of 10% of the customers, planned (dry run) and made, on a third copy. The masking is the service's own code,
 * {@link PostgresMasking#run}, with maskers the real algorithms configure; it runs in this JVM rather than behind the
 * service's API, so the figures are the masking's and not the job machinery's.
 * <p>
 * {@code -Dbench.rows=1000000} makes a quick run (the customers are always a tenth of the orders). Prints the figures
 * and the goals beside them; fails on no goal.
 */
public final class MaskingBench {

    private static final long DEFAULT_ROWS = 10_000_000L;
    static final String BASELINE_DB = "masking_update";
    private static final String STRATA_DB = "masking_strata";
    private static final String SUBSET_DB = "masking_subset";
    private static final double MB = 1e6;
    private static final double NANOS = 1e9;

    private static final String[] FIRST_NAMES = {"James", "Mary", "Robert", "Patricia", "John", "Jennifer",
            "Michael", "Linda", "David", "Elizabeth", "William", "Barbara", "Richard", "Susan", "Joseph", "Jessica",
            "Thomas", "Sarah", "Charles", "Karen"};
    private static final String[] LAST_NAMES = {"Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia",
            "Miller", "Davis", "Rodriguez", "Martinez", "Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson",
            "Taylor", "Moore", "Jackson", "Martin", "Lee"};
    private static final String[] STREETS = {"Oak Street", "Maple Avenue", "Cedar Lane", "Pine Road", "Elm Street",
            "Washington Boulevard", "Lake Drive", "Hill Road", "Park Avenue", "Church Street"};
    private static final String[] CITIES = {"Springfield", "Riverside", "Franklin", "Greenville", "Bristol",
            "Clinton", "Fairview", "Salem", "Madison", "Georgetown"};

    private final PostgresCluster cluster;
    private final long rows;
    private final long customers;

    MaskingBench(PostgresCluster cluster, long rows) {
        this.cluster = cluster;
        this.rows = rows;
        this.customers = Math.max(1, rows / 10);
    }

    /** Runs the benchmark on a PostgreSQL cluster of its own; {@code -Dbench.rows} sets the orders' row count. */
    public static void main(String[] args) throws Exception {
        long rows = Long.getLong("bench.rows", DEFAULT_ROWS);
        Path keyDirectory = Files.createTempDirectory("strata-bench-keys-");
        // Autovacuum off: after the UPDATE it would vacuum the bloated table while the masking is measured. Room for
        // the UPDATE's WAL, so that checkpoints do not slow it down more than a tuned server would.
        try (PostgresCluster cluster = PostgresCluster.start(Map.of("shared_buffers", "'512MB'", "max_wal_size",
                "'16GB'", "checkpoint_timeout", "'30min'", "autovacuum", "off"))) {
            new MaskingBench(cluster, rows).run(new FileMaskingKeys(keyDirectory));
        } finally {
            deleteTree(keyDirectory);
        }
    }

    private void run(MaskingKeys keys) throws Exception {
        Data data = load();
        for (String copy : List.of(STRATA_DB, SUBSET_DB)) {
            long start = System.nanoTime();
            cluster.execute("postgres", "create database " + copy + " template " + BASELINE_DB
                    + " strategy file_copy");
            System.out.printf("copied %s to %s in %.1f s%n", BASELINE_DB, copy, seconds(start));
        }
        Update update = update();
        Masked masked = mask(keys);
        Subset subset = subset();
        printResults(data, update, masked, subset);
    }

    /**
     * The data both sides start from.
     *
     * @param loadSeconds how long loading, indexing and vacuuming took
     * @param ordersBytes the orders table on disk, its indexes included
     * @param databaseBytes the whole database on disk
     */
    record Data(double loadSeconds, long ordersBytes, long databaseBytes) {
    }

    /** Loads the customers and orders, adds the keys, the index and the foreign key, and vacuums. */
    Data load() throws SQLException {
        cluster.execute("postgres", "create database " + BASELINE_DB);
        long start = System.nanoTime();
        cluster.execute(BASELINE_DB, "set maintenance_work_mem = '512MB'",
                "create table customers (id bigint not null, since date not null, credit_limit numeric(10, 2) "
                        + "not null)",
                "create table orders (id bigint not null, customer_id bigint not null, placed date not null, "
                        + "amount numeric(10, 2) not null, recipient text, email text, phone text, ship_address "
                        + "text, card_number text)",
                "insert into customers select i, date '2015-01-01' + (i % 3000)::int, (i % 50) * 100 "
                        + "from generate_series(1::bigint, " + customers + ") i",
                ordersInsert(),
                "alter table customers add primary key (id)",
                "alter table orders add primary key (id)",
                "create index orders_email on orders (email)",
                "alter table orders add constraint orders_customer_fk foreign key (customer_id) references "
                        + "customers (id)",
                // Sets the hint bits and the visibility map now, so that neither side pays for them.
                "vacuum analyze customers, orders");
        Data data = new Data(seconds(start), number(BASELINE_DB, "select pg_total_relation_size('orders')"),
                number(BASELINE_DB, "select pg_database_size(current_database())"));
        System.out.printf("loaded %,d orders and %,d customers in %.1f s: orders %.0f MB with indexes, database "
                + "%.0f MB%n", rows, customers, data.loadSeconds(), data.ordersBytes() / MB,
                data.databaseBytes()
                        / MB);
        return data;
    }

    /**
     * Orders of ten to each customer, every e-mail address, phone and card number distinct; names, streets and
     * cities from short lists, so that many rows share them as in real data.
     */
    private String ordersInsert() {
        return "insert into orders select i, 1 + (i * 7919) % " + customers + ", date '2020-01-01' + (i % 1500)::int, "
                + "(i % 100000) / 100.0, f || ' ' || l, lower(f) || '.' || lower(l) || i || '@mail.example.org', "
                + "'+1 (' || substr(p, 1, 3) || ') ' || substr(p, 4, 3) || '-' || substr(p, 7, 4), "
                + "(1 + i % 9999) || ' ' || s || ', ' || c, "
                + "'4' || lpad(((i * 7777777777) % 1000000000000000)::text, 15, '0') "
                + "from generate_series(1::bigint, " + rows + ") i, lateral (select "
                + pick(FIRST_NAMES, "i") + " f, " + pick(LAST_NAMES, "i / " + FIRST_NAMES.length) + " l, "
                + pick(STREETS, "i / 7") + " s, " + pick(CITIES, "i / 13") + " c, "
                + "((i * 48271) % 8000000000 + 2000000000)::text p) v";
    }

    /** A SQL expression choosing an entry of {@code values} by {@code index}. */
    private static String pick(String[] values, String index) {
        return "(array[" + Stream.of(values).map(value -> "'" + value + "'").collect(Collectors.joining(", "))
                + "])[1 + (" + index + ") % " + values.length + "]";
    }

    /**
     * The plain UPDATE, timed.
     *
     * @param rows the rows updated
     * @param seconds from the statement's start to its commit
     * @param cpu PostgreSQL's CPU seconds meanwhile
     * @param load the machine's load average when it started
     * @param bytesAfter the orders table on disk afterwards, its indexes included
     */
    private record Update(long rows, double seconds, double cpu, double load, long bytesAfter) {
    }

    /** One UPDATE of the five columns with md5(), in one transaction, as a user would write it. */
    private Update update() throws Exception {
        cluster.execute(BASELINE_DB, "checkpoint");
        double load = loadAverage();
        double cpuBefore = PostgresCpu.seconds(cluster);
        long start = System.nanoTime();
        long updated;
        try (Connection connection = cluster.connect(BASELINE_DB);
                Statement statement = connection
                        .createStatement()) {
            updated = statement.executeUpdate("update orders set recipient = md5(recipient), email = md5(email), "
                    + "phone = md5(phone), ship_address = md5(ship_address), card_number = md5(card_number)");
        }
        double seconds = seconds(start);
        Update update = new Update(updated, seconds, PostgresCpu.seconds(cluster) - cpuBefore, load, number(
                BASELINE_DB, "select pg_total_relation_size('orders')"));
        System.out.printf("UPDATE ... md5(): %,d rows in %.1f s (PostgreSQL CPU %.1f s, load average %.1f before)%n",
                updated, seconds, update.cpu(), load);
        return update;
    }

    /**
     * Strata's masking, timed.
     *
     * @param outcome what masking did, with its own time
     * @param totalSeconds masking and the leak check
     * @param jvmCpu this JVM's CPU seconds meanwhile
     * @param postgresCpu PostgreSQL's CPU seconds meanwhile
     * @param load the machine's load average when it started
     * @param bytesAfter the orders table on disk afterwards, its indexes included
     */
    private record Masked(MaskingOutcome outcome, double totalSeconds, double jvmCpu, double postgresCpu,
            double load, long bytesAfter) {

        double seconds() {
            return outcome.took().toMillis() / 1000.0;
        }
    }

    /** The masking path of a masking job: every rule's masker for its column, then {@link PostgresMasking#run}. */
    private Masked mask(MaskingKeys keys) throws Exception {
        ConnectionFactory connections = () -> cluster.connect(STRATA_DB);
        Map<ColumnRef, Masker> maskers = maskers(connections, keys);
        cluster.execute(STRATA_DB, "checkpoint");
        OperatingSystemMXBean system = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        double load = loadAverage();
        long jvmBefore = system.getProcessCpuTime();
        double postgresBefore = PostgresCpu.seconds(cluster);
        long start = System.nanoTime();
        MaskingReport report = PostgresMasking.run(connections, maskers, PostgresMasking.defaultThreads(), Set.of());
        Masked masked = new Masked(report.outcome(), seconds(start), (system.getProcessCpuTime() - jvmBefore) / NANOS,
                PostgresCpu.seconds(cluster) - postgresBefore, load, number(STRATA_DB,
                        "select pg_total_relation_size('orders')"));
        System.out.printf("Strata masking: %,d rows in %.1f s, %.1f s with the leak check (JVM CPU %.1f s, "
                + "PostgreSQL CPU %.1f s, load average %.1f before); values changed per column: %s%n",
                masked
                        .outcome().rows(),
                masked.seconds(), masked.totalSeconds(), masked.jvmCpu(), masked
                        .postgresCpu(),
                load, masked.outcome().changedPerColumn());
        return masked;
    }

    /** The rules a user would give these columns, configured as a masking job configures them. */
    static Map<ColumnRef, Masker> maskers(ConnectionFactory connections, MaskingKeys keys)
            throws SQLException {
        List<MaskingRule> rules = List.of(
                new MaskingRule("orders", "recipient", "secure-lookup", Map.of("dictionary", "full-names")),
                new MaskingRule("orders", "email", "email", Map.of()),
                new MaskingRule("orders", "phone", "phone", Map.of()),
                new MaskingRule("orders", "ship_address", "address", Map.of("part", "full")),
                new MaskingRule("orders", "card_number", "fpe", Map.of("luhn", true)));
        DatabaseSchema schema;
        try (Connection connection = connections.open()) {
            schema = SchemaReader.read(connection);
        }
        Map<ColumnRef, Masker> maskers = new LinkedHashMap<>();
        for (MaskingRule rule : rules) {
            ColumnInfo column = schema.columnInfo(rule.table(), rule.column());
            maskers.put(new ColumnRef(column.table(), column.column()), Algorithms.create(rule, column, keys)
                    .masker());
        }
        return maskers;
    }

    /**
     * The subset of 10% of the customers, timed.
     *
     * @param planSeconds the dry run's time
     * @param plan the dry run's answer
     * @param report what the subset kept, with its own time
     */
    private record Subset(double planSeconds, SubsetPlan plan, SubsetReport report) {

        String kept(String table) {
            return report.table(table).map(rows -> String.format("%,d of %,d", rows.rowsKept(), rows.rowsBefore()))
                    .orElse("?");
        }
    }

    private Subset subset() throws SQLException {
        SubsetRequest request = SubsetRequest.of(SubsetRequest.Root.percent("customers", 10));
        cluster.execute(SUBSET_DB, "checkpoint");
        try (Connection connection = cluster.connect(SUBSET_DB)) {
            long start = System.nanoTime();
            SubsetPlan plan = new SubsetPlanner().plan(connection, request);
            double planSeconds = seconds(start);
            SubsetReport report = new SubsetExecutor().run(connection, request);
            Subset subset = new Subset(planSeconds, plan, report);
            System.out.printf("subset plan in %.2f s (%s: %s); subset in %.1f s: customers %s, orders %s%n",
                    planSeconds, plan.estimate(), plan.keptRows(), report.elapsed().toMillis() / 1000.0, subset
                            .kept("customers"),
                    subset.kept("orders"));
            return subset;
        }
    }

    private void printResults(Data data, Update update, Masked masked, Subset subset) {
        MaskingOutcome outcome = masked.outcome();
        double copyMb = outcome.bytesRead() / MB;
        double diskMb = data.ordersBytes() / MB;
        System.out.println();
        System.out.println("Results (docs/benchmarks.md):");
        System.out.printf("| data | orders: %,d rows, 5 masked text columns, an index on one, a foreign key to %,d "
                + "customers; %.0f MB on disk with its indexes, %.0f MB of COPY text; database %.0f MB |%n", rows,
                customers, diskMb, copyMb, data.databaseBytes() / MB);
        System.out.printf("| plain UPDATE of the 5 columns with md5(), one transaction | %.1f s: %,.0f rows/s, %.1f "
                + "MB/s of COPY text, %.1f MB/s on disk; PostgreSQL CPU %.1f s; orders %.0f → %.0f MB (old row "
                + "versions stay) |%n", update.seconds(), update.rows() / update.seconds(), copyMb / update.seconds(),
                diskMb / update.seconds(), update.cpu(), diskMb, update.bytesAfter() / MB);
        System.out.printf("| Strata masking (COPY out, mask, COPY in, indexes, foreign key) | %.1f s: %,.0f rows/s "
                + "(goal ≥ 200,000), %.1f MB/s of COPY text (goal ≥ 30), %.1f MB/s on disk; orders %.0f → %.0f MB "
                + "|%n", masked.seconds(), outcome.rows() / masked.seconds(), copyMb / masked.seconds(),
                diskMb
                        / masked.seconds(),
                diskMb, masked.bytesAfter() / MB);
        System.out.printf("| Strata leak check after it | %.1f s; masking and leak check %.1f s = %,.0f rows/s, "
                + "%.1f MB/s of COPY text |%n", masked.totalSeconds() - masked.seconds(), masked.totalSeconds(),
                outcome.rows() / masked.totalSeconds(), copyMb / masked.totalSeconds());
        System.out.printf("| CPU during masking and leak check | JVM %.1f s, PostgreSQL %.1f s (wall %.1f s, 2 "
                + "cores); load average before: UPDATE %.1f, masking %.1f |%n", masked.jvmCpu(),
                masked
                        .postgresCpu(),
                masked.totalSeconds(), update.load(), masked.load());
        System.out.printf("| speed-up: UPDATE time ÷ masking time | %.2f× (goal ≥ 2×); counting the leak check "
                + "%.2f× |%n", update.seconds() / masked.seconds(), update.seconds() / masked.totalSeconds());
        System.out.printf("| subset plan (dry run), 10%% of the customers | %.2f s (%s: %s) |%n",
                subset.planSeconds(), subset.plan().estimate(), subset.plan().keptRows());
        System.out.printf("| subset, 10%% of the customers | %.1f s: customers %s kept, orders %s |%n", subset
                .report().elapsed().toMillis() / 1000.0, subset.kept("customers"), subset.kept("orders"));
    }

    private long number(String database, String sql) throws SQLException {
        try (Connection connection = cluster.connect(database);
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
    }

    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / NANOS;
    }

    static void deleteTree(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }
}
