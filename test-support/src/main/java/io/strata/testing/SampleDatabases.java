package io.strata.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Sample databases for tests and demos, loaded into a database of a test's own. Chinook (a music store: customers,
 * employees, invoices, tracks; MIT licence, see {@code datasets/chinook/LICENSE.md}) has personal data to mask and
 * foreign keys to keep, including a self-reference (employee.reports_to).
 */
public final class SampleDatabases {

    private SampleDatabases() {
    }

    /** Loads Chinook into {@code database} (which must exist and be empty) of {@code cluster}. */
    public static void loadChinook(PostgresCluster cluster, String database) {
        cluster.execute(database, chinookSql());
    }

    /**
     * Chinook's SQL without its own database handling (it drops, creates and connects to a database named chinook),
     * so that it loads into any database.
     */
    public static String chinookSql() {
        String script = resource("datasets/chinook/chinook-postgresql.sql");
        int connect = script.indexOf("\\c chinook;");
        if (connect < 0) {
            throw new IllegalStateException("the Chinook script no longer connects to its database; update "
                    + "SampleDatabases");
        }
        return script.substring(connect + "\\c chinook;".length());
    }

    /**
     * Chinook's MySQL script as published: it drops, creates and uses a database named {@code Chinook}, for a MariaDB
     * source ({@link MariaDbServer#execute}).
     */
    public static String chinookMySql() {
        return resource("datasets/chinook/chinook-mysql.sql");
    }

    /**
     * A ruleset's rules (as the API takes them) for Chinook's personal data: customers' and employees' names, e-mails,
     * phones and faxes (a fax often repeats the phone), customers' addresses and the invoices' billing addresses
     * (copies of them), keyed by the customer so an invoice's address stays its customer's.
     */
    public static List<Map<String, Object>> chinookPersonalDataRules() {
        Map<String, Object> street = Map.of("part", "street", "entityColumn", "customer_id");
        return List.of(
                rule("customer", "first_name", "secure-lookup", Map.of("dictionary", "first-names")),
                rule("customer", "last_name", "secure-lookup", Map.of("dictionary", "last-names")),
                rule("customer", "email", "email", Map.of("firstNameColumn", "first_name", "lastNameColumn",
                        "last_name")),
                rule("customer", "phone", "phone", Map.of()),
                rule("customer", "fax", "phone", Map.of()),
                rule("customer", "address", "address", street),
                rule("invoice", "billing_address", "address", street),
                rule("employee", "first_name", "secure-lookup", Map.of("dictionary", "first-names")),
                rule("employee", "last_name", "secure-lookup", Map.of("dictionary", "last-names")),
                rule("employee", "email", "email", Map.of()),
                rule("employee", "phone", "phone", Map.of()),
                rule("employee", "fax", "phone", Map.of()));
    }

    /** Chinook's public text: song titles and composers, album titles, artists, which share words with names. */
    public static List<String> chinookPublicText() {
        return List.of("track.name", "track.composer", "album.title", "artist.name");
    }

    /** One rule as the API takes it. */
    public static Map<String, Object> rule(String table, String column, String algorithm,
            Map<String, Object> params) {
        return Map.of("table", table, "column", column, "algorithm", algorithm, "params", params);
    }

    private static String resource(String name) {
        try (InputStream in = SampleDatabases.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("no resource " + name + " on the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
