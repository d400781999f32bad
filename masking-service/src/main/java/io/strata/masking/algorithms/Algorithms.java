package io.strata.masking.algorithms;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Every masking algorithm by name, and the checks every rule goes through whatever its algorithm. */
public final class Algorithms {

    private static final Map<String, Algorithm> BY_NAME = List.<Algorithm>of(
            // Each algorithm is added here.
            new FpeAlgorithm(),
            new SecureLookupAlgorithm(),
            new UniqueMapAlgorithm(),
            new EmailAlgorithm(),
            new PhoneAlgorithm(),
            new AddressAlgorithm(),
            new DateShiftAlgorithm(),
            new RedactAlgorithm(),
            new NullAlgorithm(),
            new FixedAlgorithm(),
            new NoiseAlgorithm(),
            new MinMaxAlgorithm()).stream()
            .collect(Collectors.toMap(Algorithm::name, Function.identity(), (a, b) -> a, TreeMap::new));

    /**
     * A configured masker and the ids of the keys it uses.
     *
     * @param masker the column's masker
     * @param keyId the id of the key of the algorithm's {@link Algorithm#keyDomain}, {@code null} when keyless
     * @param keyIds the ids of every key it uses, sorted by domain (an e-mail made from masked names uses two)
     */
    public record Configured(Masker masker, String keyId, List<String> keyIds) {

        /** A masker that uses one key at most. */
        public Configured(Masker masker, String keyId) {
            this(masker, keyId, keyId == null ? List.of() : List.of(keyId));
        }

        /** An unmodifiable copy. */
        public Configured {
            keyIds = List.copyOf(keyIds);
        }
    }

    private Algorithms() {
    }

    /** The algorithms' names, sorted. */
    public static List<String> names() {
        return List.copyOf(BY_NAME.keySet());
    }

    /**
     * The algorithm of that name.
     *
     * @throws RuleError naming {@code algorithm} when there is none
     */
    public static Algorithm named(String name) {
        Algorithm algorithm = name == null ? null : BY_NAME.get(name);
        if (algorithm == null) {
            throw new RuleError("algorithm", "Unknown algorithm '" + name + "'; the algorithms are " + names()
                    + ".");
        }
        return algorithm;
    }

    /** Checks a rule on its own (its algorithm and parameters), as a ruleset is saved. */
    public static void check(MaskingRule rule) {
        named(rule.algorithm()).check(rule.parameters());
    }

    /**
     * The rule's masker for this column, refusing a rule that would break a key or a unique constraint.
     *
     * @throws RuleError naming the field at fault
     */
    public static Configured create(MaskingRule rule, ColumnInfo column, MaskingKeys keys) {
        Algorithm algorithm = named(rule.algorithm());
        algorithm.check(rule.parameters());
        if (column.unique() && !algorithm.keepsDistinct()) {
            throw new RuleError("algorithm", column.table() + "." + column.column() + " is part of a key or a "
                    + "unique constraint, and " + algorithm.name() + " can give two different values the same "
                    + "masked value; use unique-map or fpe there.");
        }
        Map<String, MaskingKey> byDomain = new TreeMap<>();
        for (String domain : algorithm.keyDomains(rule.parameters())) {
            byDomain.put(domain, keys.current(domain));
        }
        String domain = algorithm.keyDomain(rule.parameters());
        MaskingKey key = domain == null ? null : byDomain.get(domain);
        List<String> keyIds = byDomain.values().stream().map(MaskingKey::id).toList();
        return new Configured(algorithm.create(rule, column, byDomain), key == null ? null : key.id(), keyIds);
    }
}
