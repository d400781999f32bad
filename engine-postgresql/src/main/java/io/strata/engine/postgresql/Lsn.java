package io.strata.engine.postgresql;

import java.util.Locale;

/** A PostgreSQL WAL position ({@code 16/B374D848}) as a number, for comparing and measuring lag. */
public final class Lsn {

    private Lsn() {
    }

    /** The position as bytes from the start of the WAL; {@code -1} for null or empty. */
    public static long parse(String lsn) {
        if (lsn == null || lsn.isBlank()) {
            return -1;
        }
        String[] parts = lsn.strip().split("/");
        if (parts.length != 2) {
            throw new IllegalArgumentException("not an LSN: " + lsn);
        }
        return (Long.parseLong(parts[0], 16) << 32) | Long.parseLong(parts[1], 16);
    }

    /** The position in PostgreSQL's notation. */
    public static String format(long lsn) {
        return Long.toHexString(lsn >>> 32).toUpperCase(Locale.ROOT) + "/"
                + Long.toHexString(lsn & 0xFFFFFFFFL).toUpperCase(Locale.ROOT);
    }
}
