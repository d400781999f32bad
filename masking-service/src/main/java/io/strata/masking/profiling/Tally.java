package io.strata.masking.profiling;

import java.time.LocalDate;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.strata.masking.algorithms.SensitiveTokens;
import io.strata.masking.profiling.Detectors.Match;

/**
 * What the sampled values of one column look like: for each kind its group may hold, how many values match it
 * strongly and how many loosely; which parts of names the names are; which tokens free text holds.
 */
final class Tally {

    private final Map<PiiKind, Integer> strong = new EnumMap<>(PiiKind.class);
    private final Map<PiiKind, Integer> loose = new EnumMap<>(PiiKind.class);
    private final Map<PersonNames.Part, Integer> nameParts = new EnumMap<>(PersonNames.Part.class);
    private final Set<SensitiveTokens.Kind> tokensInside = EnumSet.noneOf(SensitiveTokens.Kind.class);
    private final int values;

    private Tally(int values) {
        this.values = values;
    }

    /**
     * Tests every value against every kind of the group.
     *
     * @param present the sampled values, without NULLs
     */
    static Tally of(List<String> present, ColumnGroup group, LocalDate today, PersonNames names) {
        Tally tally = new Tally(present.size());
        for (String value : present) {
            for (PiiKind kind : group.kinds()) {
                tally.count(kind, tally.test(kind, value, group, today, names));
            }
        }
        return tally;
    }

    private Match test(PiiKind kind, String value, ColumnGroup group, LocalDate today, PersonNames names) {
        return switch (kind) {
            case EMAIL -> Detectors.email(value);
            case PHONE -> Detectors.phone(value);
            case NATIONAL_ID -> Detectors.nationalId(value);
            case CARD_NUMBER -> Detectors.card(value);
            case IBAN -> Detectors.iban(value);
            case DATE_OF_BIRTH -> Detectors.birthDate(value, today);
            case STREET_ADDRESS -> Detectors.streetAddress(value);
            case PERSON_NAME -> {
                PersonNames.Part part = names.of(value);
                if (part != null) {
                    nameParts.merge(part, 1, Integer::sum);
                }
                yield part == null ? Match.NONE : Match.STRONG;
            }
            case FREE_TEXT_WITH_PII -> {
                Set<SensitiveTokens.Kind> inside = Detectors.insideText(value, group == ColumnGroup.JSON);
                tokensInside.addAll(inside);
                yield Detectors.freeTextMatch(inside);
            }
        };
    }

    private void count(PiiKind kind, Match match) {
        if (match != Match.NONE) {
            (match == Match.STRONG ? strong : loose).merge(kind, 1, Integer::sum);
        }
    }

    /**
     * How many values match the kind: strongly, and loosely too when {@code withLoose} (where the column's name
     * suggests the kind).
     */
    int matches(PiiKind kind, boolean withLoose) {
        return strong.getOrDefault(kind, 0) + (withLoose ? loose.getOrDefault(kind, 0) : 0);
    }

    /** How many values were tested (the non-null ones). */
    int values() {
        return values;
    }

    /** How many values were this part of a name. */
    int nameParts(PersonNames.Part part) {
        return nameParts.getOrDefault(part, 0);
    }

    /** The kinds of token found inside free text. */
    Set<SensitiveTokens.Kind> tokensInside() {
        return tokensInside;
    }
}
