package io.strata.masking.algorithms;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;

/**
 * The masker of {@link EmailAlgorithm}: {@code first.last.<suffix>@domain}. One HMAC of the whole original under
 * the {@code emails} key gives both the suffix (its first 15 bytes, 24 base32 characters) and, for a name not taken
 * from the row, the dictionary lines (bytes 16 to 23 for the first name, 24 to 31 for the last).
 */
final class EmailMasker implements Masker {

    /** The suffix's length: 120 bits in base32. */
    static final int SUFFIX_LENGTH = 24;

    private static final int SUFFIX_BYTES = 15;
    private static final int FIRST_NAME_OFFSET = 16;
    private static final int LAST_NAME_OFFSET = 24;
    // Two names of 19 and the suffix keep the local part within the 64 characters e-mail allows.
    private static final int NAME_LENGTH = 19;
    private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();

    private final byte[] emailsKey;
    private final byte[] namesKey;
    private final EmailAlgorithm.Options options;
    private final Integer maxLength;
    private final List<String> firstNames;
    private final List<String> lastNames;

    /**
     * @param emailsKey the key of the {@code emails} domain
     * @param namesKey the key of the {@code names} domain, {@code null} when no name column is followed
     * @param maxLength the column's declared length, {@code null} when unbounded
     */
    EmailMasker(byte[] emailsKey, byte[] namesKey, EmailAlgorithm.Options options, Integer maxLength) {
        this.emailsKey = emailsKey;
        this.namesKey = namesKey;
        this.options = options;
        this.maxLength = maxLength;
        this.firstNames = Dictionaries.get("first-names").stream().map(EmailMasker::fold).toList();
        this.lastNames = Dictionaries.get("last-names").stream().map(EmailMasker::fold).toList();
    }

    @Override
    public String mask(String value, Row row) {
        if (value == null) {
            return null;
        }
        byte[] digest = KeyedDigest.digest(emailsKey, value);
        String suffix = suffix(digest);
        String at = "@" + domain(value);
        StringBuilder local = new StringBuilder(64);
        appendName(local, name(options.firstNameColumn(), row, firstNames, digest, FIRST_NAME_OFFSET));
        appendName(local, name(options.lastNameColumn(), row, lastNames, digest, LAST_NAME_OFFSET));
        String email = local.append(suffix).append(at).toString();
        if (ColumnTypes.fits(email, maxLength)) {
            return email;
        }
        // A short column loses the readable names first: the suffix alone keeps the values distinct.
        String shortest = suffix + at;
        if (ColumnTypes.fits(shortest, maxLength)) {
            return shortest;
        }
        throw new IllegalArgumentException("A masked e-mail of " + shortest.length() + " characters does not fit "
                + "the column's " + maxLength + "; set a shorter domain instead of keepDomain, or widen the column.");
    }

    /**
     * Which line of a name dictionary secure-lookup puts in place of this name: the contract in
     * {@link EmailAlgorithm}.
     */
    static int maskedNameIndex(byte[] namesKey, String originalName, int dictionarySize) {
        return KeyedDigest.pick(namesKey, dictionarySize, originalName.toLowerCase(Locale.ROOT));
    }

    /** The name as it may stand in an e-mail: ASCII letters and digits, lower case, accents dropped. */
    static String fold(String name) {
        String decomposed = Normalizer.normalize(name, Normalizer.Form.NFD).toLowerCase(Locale.ROOT);
        StringBuilder folded = new StringBuilder(decomposed.length());
        for (int i = 0; i < decomposed.length() && folded.length() < NAME_LENGTH; i++) {
            char c = decomposed.charAt(i);
            if (c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
                folded.append(c);
            }
        }
        return folded.toString();
    }

    private String name(String column, Row row, List<String> folded, byte[] digest, int offset) {
        String original = column == null ? null : row.original(column);
        if (original == null || original.isBlank()) {
            return folded.get(Math.floorMod(Keyed.toLong(digest, offset), folded.size()));
        }
        return folded.get(maskedNameIndex(namesKey, original, folded.size()));
    }

    private static void appendName(StringBuilder local, String name) {
        if (!name.isEmpty()) {
            local.append(name).append('.');
        }
    }

    private String domain(String original) {
        int at = original.lastIndexOf('@');
        if (options.keepDomain() && at >= 0) {
            String kept = original.substring(at + 1).strip();
            if (!kept.isEmpty()) {
                return kept;
            }
        }
        return options.domain();
    }

    private static String suffix(byte[] digest) {
        char[] suffix = new char[SUFFIX_LENGTH];
        int bits = 0;
        int buffer = 0;
        int out = 0;
        for (int i = 0; i < SUFFIX_BYTES; i++) {
            buffer = (buffer << 8) | (digest[i] & 0xFF);
            bits += 8;
            while (bits >= 5) {
                bits -= 5;
                suffix[out++] = BASE32[(buffer >>> bits) & 0x1F];
            }
        }
        return new String(suffix);
    }
}
