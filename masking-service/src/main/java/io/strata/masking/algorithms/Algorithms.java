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
            new UniqueMapAlgorithm()).stream()
            .collect(Collectors.toMap(Algorithm::name, Function.identity(), (a, b) -> a, TreeMap::new));

    /** A configured masker and the id of the key it uses ({@code null} when keyless). */
    public record Configured(Masker masker, String keyId) {
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
        String domain = algorithm.keyDomain(rule.parameters());
        MaskingKey key = domain == null ? null : keys.current(domain);
        return new Configured(algorithm.create(rule, column, key), key == null ? null : key.id());
    }
}
