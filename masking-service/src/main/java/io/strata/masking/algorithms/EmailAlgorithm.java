package io.strata.masking.algorithms;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code email}: a readable, distinct e-mail address, {@code first.last.<suffix>@example.com}.
 *
 * <p>
 * <b>Distinct values.</b> The suffix is 120 bits of the HMAC-SHA256 of the whole original under the {@code emails}
 * key, in 24 base32 characters, so the masked address is distinct whenever the suffixes are. A keyed hash cannot
 * promise that, but among {@code n} distinct originals two share a suffix with probability below
 * n<sup>2</sup>/2<sup>121</sup>: under 4·10<sup>-19</sup> for a billion addresses, as unlikely as two random UUIDs
 * colliding. That is why {@link #keepsDistinct()} answers {@code true} and the algorithm may mask a unique column.
 * Truly collision-free would take a cipher of the whole address, as long as the address itself; encrypting a
 * 128-bit unkeyed hash of it instead is no better than this, since its collisions are those of the unkeyed hash,
 * which anyone can search offline, whereas colliding a keyed hash takes the key.
 *
 * <p>
 * <b>Names.</b> Without name columns, the first and last names are dictionary lines chosen by the same HMAC. With
 * {@code firstNameColumn} or {@code lastNameColumn}, the name is the one secure-lookup gives that column's original
 * value in this row, so the address matches the masked name beside it. The contract secure-lookup must keep: a name
 * is replaced by the line {@code Keyed.index(h, size)} (h unsigned, modulo size) of the dictionary ({@code first-names} or
 * {@code last-names}, read as {@link Dictionaries} reads it), where {@code h} is the first 8 bytes, big-endian, of
 * HMAC-SHA256 under the key of the {@code names} domain of the UTF-8 bytes of the original name lower-cased with
 * {@link Locale#ROOT}. The line then goes into the address in ASCII lower case without accents or punctuation.
 *
 * <p>
 * <b>Parameters.</b> {@code domain} (default {@code example.com}); {@code keepDomain} ({@code true}: the original's
 * domain, {@code domain} only for a value without one); {@code firstNameColumn}, {@code lastNameColumn}. A column
 * too short for the whole address gets {@code <suffix>@domain}, which stays distinct.
 */
public final class EmailAlgorithm implements Algorithm {

    /** Its name in rulesets. */
    public static final String NAME = "email";
    /** The domain of the key of the suffix and of the names not taken from the row. */
    public static final String KEY_DOMAIN = "emails";
    /** The domain of the key secure-lookup masks names with. */
    public static final String NAMES_KEY_DOMAIN = "names";

    private static final String FIRST_NAME_COLUMN = "firstNameColumn";
    private static final String LAST_NAME_COLUMN = "lastNameColumn";
    private static final String DOMAIN = "domain";
    private static final String KEEP_DOMAIN = "keepDomain";
    private static final List<String> PARAMS = List.of(DOMAIN, KEEP_DOMAIN, FIRST_NAME_COLUMN, LAST_NAME_COLUMN);
    private static final Pattern DOMAIN_NAME = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]"
            + "([a-z0-9-]*[a-z0-9])?)+");

    /** The parameters, checked. */
    record Options(String firstNameColumn, String lastNameColumn, String domain, boolean keepDomain) {

        /** The defaults: names from the hash, {@code example.com}. */
        static final Options DEFAULT = new Options(null, null, "example.com", false);

        static Options of(Map<String, Object> params) {
            RuleParams.allowOnly(params, NAME, PARAMS);
            String domain = RuleParams.text(params, DOMAIN);
            if (domain != null) {
                domain = domain.toLowerCase(Locale.ROOT);
                if (domain.length() > 253 || !DOMAIN_NAME.matcher(domain).matches()) {
                    throw RuleParams.error(DOMAIN, "domain must be a domain name such as example.com: labels of "
                            + "letters, digits and hyphens joined by dots.");
                }
            }
            return new Options(RuleParams.text(params, FIRST_NAME_COLUMN), RuleParams.text(params,
                    LAST_NAME_COLUMN), domain == null ? DEFAULT.domain : domain,
                    RuleParams.flag(params,
                            KEEP_DOMAIN, false));
        }

        boolean followsNames() {
            return firstNameColumn != null || lastNameColumn != null;
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void check(Map<String, Object> params) {
        Options.of(params);
    }

    /** {@code true}: see the class comment for the probability that two suffixes collide. */
    @Override
    public boolean keepsDistinct() {
        return true;
    }

    @Override
    public String keyDomain(Map<String, Object> params) {
        return KEY_DOMAIN;
    }

    @Override
    public Set<String> keyDomains(Map<String, Object> params) {
        return Options.of(params).followsNames() ? Set.of(KEY_DOMAIN, NAMES_KEY_DOMAIN) : Set.of(KEY_DOMAIN);
    }

    @Override
    public Masker create(MaskingRule rule, ColumnInfo column, MaskingKey key) {
        Map<String, MaskingKey> keys = new HashMap<>();
        keys.put(KEY_DOMAIN, key);
        return create(rule, column, keys);
    }

    @Override
    public Masker create(MaskingRule rule, ColumnInfo column, Map<String, MaskingKey> keys) {
        ColumnTypes.requireCharacter(column, NAME);
        Options options = Options.of(rule.parameters());
        int shortest = EmailMasker.SUFFIX_LENGTH + 1 + options.domain().length();
        if (column.maxLength() != null && column.maxLength() < shortest) {
            throw RuleParams.error(DOMAIN, column.table() + "." + column.column() + " holds " + column.maxLength()
                    + " characters, and a masked e-mail at " + options.domain() + " needs " + shortest
                    + "; choose a shorter domain or widen the column.");
        }
        MaskingKey names = keys.get(NAMES_KEY_DOMAIN);
        if (options.followsNames() && names == null) {
            throw RuleParams.error(options.firstNameColumn() != null ? FIRST_NAME_COLUMN : LAST_NAME_COLUMN,
                    "A name column needs the key of the names domain too; create the masker through Algorithms.");
        }
        return new EmailMasker(keys.get(KEY_DOMAIN).material(), names == null ? null : names.material(),
                options, column.maxLength());
    }
}
