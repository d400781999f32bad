package io.strata.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import io.strata.masking.profiling.ColumnProfiler;
import io.strata.masking.profiling.DatabaseProfiler;
import io.strata.masking.profiling.Finding;
import io.strata.masking.profiling.Inventory;
import io.strata.masking.profiling.PiiKind;
import io.strata.testing.PostgresCluster;

/**
 * {@code make bench-masking}, second part: profiling a PostgreSQL database of about 1 GB against reading it once in
 * full, in the same run. The database holds people (names, e-mail addresses, phone numbers, social security numbers,
 * dates of birth, street addresses, free-text notes that sometimes hold a phone number), payments (card numbers whose
 * Luhn check holds, IBANs whose mod-97 check holds), events (JSON payloads with e-mail addresses) and products (no
 * personal data). Two of the people's columns have names that say nothing ({@code contact} holds e-mail addresses,
 * {@code ref} social security numbers), so only their values can give them away.
 * <p>
 * The profiling is the service's own {@link DatabaseProfiler}, as a profiling job runs it, with the default sample
 * (1,000 rows a table) and a sample ten times larger. The baseline is what a profiler that reads everything would at
 * least cost: {@code COPY} of every table to nowhere. Besides the times, the run prints which of the planted columns
 * were found with the right kind and which columns were flagged that hold no personal data.
 * <p>
 * {@code -Dbench.people=1200000} sets the size (about 1 GB at that default).
 */
public final class ProfilingBench {

    private static final String DATABASE = "profiling_bench";
    private static final double NANOS = 1e9;
    private static final double MB = 1e6;

    /** The columns holding personal data, and what profiling should call each. */
    private static final Map<String, PiiKind> PLANTED = plantedColumns();

    private static final String[] FIRST = {"James", "Mary", "Robert", "Patricia", "John", "Jennifer", "Michael",
            "Linda", "David", "Elizabeth", "William", "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Thomas",
            "Sarah", "Charles", "Karen"};
    private static final String[] LAST = {"Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller",
            "Davis", "Rodriguez", "Martinez", "Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson", "Taylor",
            "Moore", "Jackson", "Martin", "Lee"};
    private static final String[] STREETS = {"Oak Street", "Maple Avenue", "Cedar Lane", "Pine Road", "Elm Street",
            "Park Avenue", "Lake Drive", "Hill Road"};
    private static final String[] CITIES = {"Springfield", "Riverside", "Franklin", "Greenville", "Bristol"};
    private static final String[] NOTES = {"Prefers morning deliveries", "Asked about the loyalty programme",
            "Returned one item, refund issued", "No further action", "Called back about the last order"};
    private static final String[] PRODUCTS = {"Walnut desk", "Steel lamp", "Linen curtain", "Oak shelf",
            "Glass vase", "Wool rug", "Copper kettle", "Cotton throw"};

    private final PostgresCluster cluster;
    private final long people;
    private final SplittableRandom random = new SplittableRandom(20261203);

    private ProfilingBench(PostgresCluster cluster, long people) {
        this.cluster = cluster;
        this.people = people;
    }

    public static void main(String[] args) throws Exception {
        long people = Long.getLong("bench.people", 1_200_000L);
        try (PostgresCluster cluster = PostgresCluster.start(Map.of("shared_buffers", "'256MB'", "autovacuum",
                "off"))) {
            new ProfilingBench(cluster, people).run();
        }
    }

    private static Map<String, PiiKind> plantedColumns() {
        Map<String, PiiKind> planted = new LinkedHashMap<>();
        planted.put("people.full_name", PiiKind.PERSON_NAME);
        planted.put("people.email", PiiKind.EMAIL);
        planted.put("people.contact", PiiKind.EMAIL);
        planted.put("people.phone", PiiKind.PHONE);
        planted.put("people.ssn", PiiKind.NATIONAL_ID);
        planted.put("people.ref", PiiKind.NATIONAL_ID);
        planted.put("people.birth_date", PiiKind.DATE_OF_BIRTH);
        planted.put("people.street", PiiKind.STREET_ADDRESS);
        planted.put("people.notes", PiiKind.FREE_TEXT_WITH_PII);
        planted.put("payments.card", PiiKind.CARD_NUMBER);
        planted.put("payments.iban", PiiKind.IBAN);
        planted.put("events.payload", PiiKind.FREE_TEXT_WITH_PII);
        return planted;
    }

    private void run() throws Exception {
        cluster.execute("postgres", "create database " + DATABASE);
        long start = System.nanoTime();
        load();
        double loadSeconds = seconds(start);
        long bytes = number("select pg_database_size(current_database())");
        System.out.printf(Locale.ROOT, "loaded %,d people, %,d payments, %,d events in %.1f s: %,d MB on disk%n",
                people, people * 3 / 2, people * 2, loadSeconds, bytes / 1_000_000);

        cluster.execute(DATABASE, "checkpoint");
        start = System.nanoTime();
        long copied = readEverything();
        double readSeconds = seconds(start);
        System.out.printf(Locale.ROOT, "read every table once (COPY to nowhere): %.1f s, %,d MB of COPY text%n",
                readSeconds, copied / 1_000_000);

        List<String> lines = new ArrayList<>();
        for (int sampleRows : List.of(1000, 10_000)) {
            start = System.nanoTime();
            Inventory inventory = profile(sampleRows);
            double profileSeconds = seconds(start);
            lines.add(results(sampleRows, inventory, profileSeconds, readSeconds, bytes));
        }
        System.out.println();
        System.out.printf(Locale.ROOT, "database: %,d MB on disk (%.1f s to load); reading it all: %.1f s "
                + "(%.0f MB/s)%n", bytes / 1_000_000, loadSeconds, readSeconds, bytes / MB / readSeconds);
        lines.forEach(System.out::println);
    }

    private String results(int sampleRows, Inventory inventory, double seconds, double readSeconds, long bytes) {
        Map<String, PiiKind> found = new LinkedHashMap<>();
        for (Finding finding : inventory.columns()) {
            found.put(finding.table() + "." + finding.column(), finding.kind());
        }
        Set<String> missed = new TreeSet<>();
        PLANTED.forEach((column, kind) -> {
            if (found.get(column) != kind) {
                missed.add(column + " (" + kind + ", found " + found.get(column) + ")");
            }
        });
        Set<String> extra = new TreeSet<>(found.keySet());
        extra.removeAll(PLANTED.keySet());
        return String.format(Locale.ROOT, "profiling, %,d rows a table: %.2f s (%.0f MB/s of database; reading it "
                + "all takes %.1f× as long); %d of %d planted columns found with their kind%s; %d other "
                + "columns flagged%s; %d rules suggested", sampleRows, seconds, bytes / MB / seconds,
                readSeconds
                        / seconds,
                PLANTED.size() - missed.size(), PLANTED.size(), missed.isEmpty()
                        ? ""
                        : ", missed " + missed,
                extra.size(), extra.isEmpty() ? "" : " " + extra, inventory
                        .ruleset().rules().size());
    }

    private Inventory profile(int sampleRows) throws SQLException {
        DatabaseProfiler profiler = new DatabaseProfiler(new ColumnProfiler(LocalDate.now(ZoneOffset.UTC)),
                sampleRows);
        try (Connection connection = cluster.connect(DATABASE)) {
            return profiler.profile(connection, DATABASE, (percent, what) -> {
            });
        }
    }

    private void load() throws SQLException, IOException {
        cluster.execute(DATABASE,
                "create table people (id bigint primary key, full_name text, email text, contact text, phone text, "
                        + "ssn text, ref text, birth_date date, street text, city text, notes text)",
                "create table payments (id bigint primary key, person_id bigint references people, card text, "
                        + "iban text, amount numeric(10, 2), paid_at timestamptz)",
                "create table events (id bigint primary key, person_id bigint references people, kind text, "
                        + "payload jsonb, created_at timestamptz)",
                "create table products (id bigint primary key, name text, description text, price numeric(10, 2))");
        try (Connection connection = cluster.connect(DATABASE)) {
            CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
            copyIn(copy, "people", people, this::person);
            copyIn(copy, "payments", people * 3 / 2, this::payment);
            copyIn(copy, "events", people * 2, this::event);
            copyIn(copy, "products", 10_000, this::product);
        }
        cluster.execute(DATABASE, "vacuum analyze");
    }

    private interface Row {

        void write(long id, StringBuilder line);
    }

    private static void copyIn(CopyManager copy, String table, long rows, Row row) throws SQLException,
            IOException {
        StringBuilder batch = new StringBuilder(1 << 20);
        for (long id = 1; id <= rows; id++) {
            row.write(id, batch);
            if (batch.length() > (1 << 20) - 4096 || id == rows) {
                copy.copyIn("COPY " + table + " FROM STDIN", new StringReader(batch.toString()));
                batch.setLength(0);
            }
        }
    }

    private void person(long id, StringBuilder line) {
        String first = FIRST[random.nextInt(FIRST.length)];
        String last = LAST[random.nextInt(LAST.length)];
        String phone = phone();
        line.append(id).append('\t').append(first).append(' ').append(last).append('\t')
                .append(first.toLowerCase(Locale.ROOT)).append('.').append(last.toLowerCase(Locale.ROOT)).append(id)
                .append("@example.com\t")
                .append("c").append(id).append("@mail.example.org\t")
                .append(phone).append('\t')
                .append(ssn()).append('\t')
                .append(ssn()).append('\t')
                .append(LocalDate.of(1940, 1, 1).plusDays(random.nextInt(365 * 65))).append('\t')
                .append(1 + random.nextInt(9999)).append(' ').append(STREETS[random.nextInt(STREETS.length)])
                .append('\t')
                .append(CITIES[random.nextInt(CITIES.length)]).append('\t')
                .append(NOTES[random.nextInt(NOTES.length)]);
        if (random.nextInt(4) == 0) {
            line.append("; call back on ").append(phone);
        }
        line.append('\n');
    }

    private void payment(long id, StringBuilder line) {
        line.append(id).append('\t').append(1 + random.nextLong(people)).append('\t').append(card()).append('\t')
                .append(iban()).append('\t').append(random.nextInt(100_000) / 100.0).append('\t')
                .append("2026-0").append(1 + random.nextInt(9)).append("-1").append(random.nextInt(10))
                .append(" 10:00:00+00\n");
    }

    private void event(long id, StringBuilder line) {
        long person = 1 + random.nextLong(people);
        line.append(id).append('\t').append(person).append('\t').append(random.nextBoolean() ? "login" : "order")
                .append("\t{\"user\": \"c").append(person).append("@mail.example.org\", \"ip\": \"10.0.")
                .append(random.nextInt(256)).append('.').append(random.nextInt(256))
                .append("\", \"agent\": \"Mozilla/5.0\", \"step\": ").append(random.nextInt(10))
                .append("}\t2026-11-").append(10 + random.nextInt(20)).append(" 12:00:00+00\n");
    }

    private void product(long id, StringBuilder line) {
        String name = PRODUCTS[random.nextInt(PRODUCTS.length)];
        line.append(id).append('\t').append(name).append(" no. ").append(id).append('\t').append(name)
                .append(", made to order, ships in ").append(2 + random.nextInt(5)).append(" weeks\t")
                .append(random.nextInt(50_000) / 100.0).append('\n');
    }

    private String phone() {
        return String.format(Locale.ROOT, "+1 (%03d) %03d-%04d", 200 + random.nextInt(800), 200 + random.nextInt(
                800), random.nextInt(10_000));
    }

    private String ssn() {
        return String.format(Locale.ROOT, "%03d-%02d-%04d", 1 + random.nextInt(665), 1 + random.nextInt(99), 1
                + random.nextInt(9999));
    }

    /** Sixteen digits starting with 4, the last one the Luhn check digit. */
    private String card() {
        int[] digits = new int[16];
        digits[0] = 4;
        for (int i = 1; i < 15; i++) {
            digits[i] = random.nextInt(10);
        }
        int sum = 0;
        for (int i = 14; i >= 0; i--) {
            int digit = digits[i];
            if ((14 - i) % 2 == 0) {
                digit *= 2;
                if (digit > 9) {
                    digit -= 9;
                }
            }
            sum += digit;
        }
        digits[15] = (10 - sum % 10) % 10;
        StringBuilder card = new StringBuilder(16);
        for (int digit : digits) {
            card.append(digit);
        }
        return card.toString();
    }

    /** A German IBAN (18 digits of account) with the check digits that make it valid mod 97. */
    private String iban() {
        StringBuilder account = new StringBuilder(18);
        for (int i = 0; i < 18; i++) {
            account.append(random.nextInt(10));
        }
        // DE = 13 14; the check digits make (account + "131400") mod 97 equal to 98 - check.
        java.math.BigInteger number = new java.math.BigInteger(account + "131400");
        int check = 98 - number.mod(java.math.BigInteger.valueOf(97)).intValue();
        return String.format(Locale.ROOT, "DE%02d%s", check, account);
    }

    private long readEverything() throws SQLException, IOException {
        long total = 0;
        try (Connection connection = cluster.connect(DATABASE)) {
            CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
            for (String table : List.of("people", "payments", "events", "products")) {
                CountingSink sink = new CountingSink();
                copy.copyOut("COPY " + table + " TO STDOUT", sink);
                total += sink.bytes;
            }
        }
        return total;
    }

    /** Counts what it is given, and keeps none of it. */
    private static final class CountingSink extends OutputStream {

        private long bytes;

        @Override
        public void write(int b) {
            bytes++;
        }

        @Override
        public void write(byte[] buffer, int offset, int length) {
            bytes += length;
        }
    }

    private long number(String sql) throws SQLException {
        try (Connection connection = cluster.connect(DATABASE);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / NANOS;
    }
}
