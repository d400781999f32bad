package io.strata.engine.mariadb;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A MariaDB GTID position: a list of {@code domain-server-sequence} triples, one per replication domain, as in
 * {@code @@gtid_slave_pos} ({@code 0-1-62,1-7-3}); empty before the first transaction.
 *
 * @param domains the position in each domain, in the order given
 */
record Gtid(List<Domain> domains) {

    private static final Pattern TRIPLE = Pattern.compile("(\\d+)-(\\d+)-(\\d+)");

    /**
     * The last transaction of one replication domain.
     *
     * @param domain the domain id
     * @param server the server id that wrote it
     * @param sequence its sequence number in the domain
     */
    record Domain(long domain, long server, long sequence) {

        @Override
        public String toString() {
            return Long.toUnsignedString(domain) + "-" + Long.toUnsignedString(server) + "-" + Long.toUnsignedString(
                    sequence);
        }
    }

    Gtid {
        domains = List.copyOf(domains);
    }

    /**
     * Parses a position; blanks and newlines between entries (as the server prints long ones) are ignored.
     *
     * @throws IllegalArgumentException when it is not a GTID position
     */
    static Gtid parse(String text) {
        String compact = text == null ? "" : text.replaceAll("\\s", "");
        List<Domain> domains = new ArrayList<>();
        if (compact.isEmpty()) {
            return new Gtid(domains);
        }
        for (String part : compact.split(",", -1)) {
            Matcher matcher = TRIPLE.matcher(part);
            if (!matcher.matches()) {
                throw new IllegalArgumentException("'" + text + "' is not a GTID position (domain-server-sequence, "
                        + "comma-separated)");
            }
            domains.add(new Domain(Long.parseUnsignedLong(matcher.group(1)), Long.parseUnsignedLong(matcher.group(2)),
                    Long.parseUnsignedLong(matcher.group(3))));
        }
        return new Gtid(domains);
    }

    /** Whether no transaction has been written yet. */
    boolean isEmpty() {
        return domains.isEmpty();
    }

    /** The position as the server writes it, and as {@code SET GLOBAL gtid_slave_pos} takes it. */
    @Override
    public String toString() {
        return String.join(",", domains.stream().map(Domain::toString).toList());
    }
}
