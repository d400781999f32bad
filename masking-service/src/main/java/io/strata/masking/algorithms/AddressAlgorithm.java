package io.strata.masking.algorithms;

import java.util.List;
import java.util.Map;

/**
 * {@code address}: a realistic address made of a house number (1 to 9999), a street from the {@code streets}
 * dictionary and a city from {@code cities}, all chosen by one HMAC under the {@code addresses} key.
 *
 * <p>
 * Parameter {@code part}: {@code street} (default: {@code 12 Elm Street}), {@code city} ({@code Springfield}) or
 * {@code full} ({@code 12 Elm Street, Springfield}). Parameter {@code entityColumn}: key the choice by that column's
 * original value in the row (a customer id) instead of the value itself, so every row of one entity gets the same
 * address, and a street column and a city column masked with the same {@code entityColumn} form one address. A row
 * whose entity is NULL is keyed by its own value. A value too long for the column is chosen again (up to 8 times,
 * each a new HMAC), then cut to the column's length.
 */
public final class AddressAlgorithm implements Algorithm {

    /** Its name in rulesets. */
    public static final String NAME = "address";
    /** Its key domain. */
    public static final String KEY_DOMAIN = "addresses";

    private static final String PART = "part";
    private static final String ENTITY_COLUMN = "entityColumn";
    private static final List<String> PARTS = List.of("street", "city", "full");
    private static final int MAX_HOUSE_NUMBER = 9999;
    private static final int ATTEMPTS = 8;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void check(Map<String, Object> params) {
        part(params);
    }

    @Override
    public boolean keepsDistinct() {
        return false;
    }

    @Override
    public String keyDomain(Map<String, Object> params) {
        return KEY_DOMAIN;
    }

    @Override
    public Masker create(MaskingRule rule, ColumnInfo column, MaskingKey key) {
        ColumnTypes.requireCharacter(column, NAME);
        String part = part(rule.parameters());
        String entityColumn = RuleParams.text(rule.parameters(), ENTITY_COLUMN);
        Addresses addresses = new Addresses(key.material(), part, Dictionaries.get("streets"),
                Dictionaries.get("cities"));
        Integer maxLength = column.maxLength();
        return (value, row) -> {
            if (value == null) {
                return null;
            }
            String entity = entityColumn == null ? null : row.original(entityColumn);
            String source = entity == null ? value : entity;
            for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
                String address = addresses.of(source, attempt);
                if (ColumnTypes.fits(address, maxLength)) {
                    return address;
                }
            }
            return ColumnTypes.cut(addresses.of(source, 0), maxLength);
        };
    }

    private static String part(Map<String, Object> params) {
        RuleParams.allowOnly(params, NAME, List.of(PART, ENTITY_COLUMN));
        RuleParams.text(params, ENTITY_COLUMN);
        return RuleParams.choice(params, PART, "street", PARTS);
    }

    /** The keyed choice of an address's parts. */
    private record Addresses(byte[] key, String part, List<String> streets, List<String> cities) {

        String of(String source, int attempt) {
            byte[] digest = attempt == 0
                    ? KeyedDigest.digest(key, source)
                    : KeyedDigest.digest(key, source, Integer.toString(attempt));
            int number = 1 + Math.floorMod(Keyed.toLong(digest, 0), MAX_HOUSE_NUMBER);
            String street = number + " " + streets.get(Math.floorMod(Keyed.toLong(digest, 8), streets.size()));
            String city = cities.get(Math.floorMod(Keyed.toLong(digest, 16), cities.size()));
            return switch (part) {
                case "city" -> city;
                case "full" -> street + ", " + city;
                default -> street;
            };
        }
    }
}
