package io.strata.masking.profiling;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

import io.strata.masking.algorithms.Algorithms;
import io.strata.masking.algorithms.ColumnInfo;
import io.strata.masking.algorithms.Masker;
import io.strata.masking.algorithms.MaskingKeys;
import io.strata.masking.algorithms.MaskingRule;
import io.strata.masking.algorithms.RuleError;
import io.strata.masking.algorithms.SensitiveTokens;

/**
 * The rule suggested for a finding. Each kind has algorithms in order of preference, ending with {@code unique-map}
 * (which keeps a key or unique column distinct and masks any character or number column); the first that
 * {@link Algorithms#create} accepts on the column (its type, length, keys and unique constraints) and that masks every
 * sampled value without error is suggested, so a suggestion never fails a masking job on what the sample holds.
 */
final class Suggestions {

    private static final String UNIQUE_MAP = "unique-map";
    private static final String FIRST_NAMES = "first-names";
    private static final String LAST_NAMES = "last-names";

    private final MaskingKeys keys = new ThrowawayKeys();

    /** A rule to try, and what a reviewer should know about it. */
    private record Option(String algorithm, Map<String, Object> params, String note) {
    }

    /** The finding with the first option that fits the column and its values. */
    Finding suggest(Finding finding, ColumnInfo column, List<String> values, Tally tally) {
        String firstRefusal = null;
        for (Option option : options(finding.kind(), column, tally)) {
            String refusal = refusal(option.algorithm(), option.params(), column, values);
            if (refusal == null) {
                String note = firstRefusal == null
                        ? option.note()
                        : option.note() + " The preferred rule does not fit: " + firstRefusal;
                return finding.suggesting(new SuggestedRule(option.algorithm(), option.params()), note);
            }
            firstRefusal = firstRefusal == null ? refusal : firstRefusal;
        }
        return finding.suggesting(null, "No algorithm fits this column; decide by hand. " + firstRefusal);
    }

    private static List<Option> options(PiiKind kind, ColumnInfo column, Tally tally) {
        List<Option> options = new ArrayList<>();
        switch (kind) {
            case EMAIL -> options.add(new Option("email", Map.of(), "email gives each address a distinct, "
                    + "readable one at example.com."));
            case PHONE -> options.add(new Option("phone", Map.of(), "phone replaces every digit with a keyed one "
                    + "and keeps the format."));
            case NATIONAL_ID -> options.add(new Option("fpe", Map.of(), "fpe encrypts the digits in place: the "
                    + "format stays and distinct values stay distinct."));
            case CARD_NUMBER -> options.add(new Option("fpe", Map.of("luhn", true), "fpe encrypts the digits and "
                    + "computes the Luhn check digit again, so a valid card number stays valid."));
            case IBAN -> options.add(new Option("fpe", Map.of(), "fpe encrypts letters and digits in place; the "
                    + "country code and check digits are not kept. redact with patterns [iban] keeps both, but "
                    + "leaves a value whose check fails as it is and may give two values one result."));
            case PERSON_NAME -> options.add(personName(column, tally));
            case DATE_OF_BIRTH -> options.addAll(birthDate());
            case STREET_ADDRESS -> options.add(new Option("address", Map.of(), "address gives a house number and "
                    + "a street from the streets dictionary, the same for the same address everywhere."));
            case FREE_TEXT_WITH_PII -> options.add(new Option("redact", Map.of(), "redact replaces the e-mails, "
                    + "phone numbers, SSNs, cards and IBANs inside the text and leaves the rest; the sample held "
                    + tokens(tally) + "."));
        }
        options.add(new Option(UNIQUE_MAP, Map.of(), "unique-map permutes the letters and digits in place, "
                + "keeping every value distinct and its format."));
        return options;
    }

    private static Option personName(ColumnInfo column, Tally tally) {
        String dictionary = nameDictionary(column, tally);
        return new Option("secure-lookup", Map.of("dictionary", dictionary), "secure-lookup replaces each name "
                + "with one from the " + dictionary + " dictionary, the same for the same name, case ignored.");
    }

    /** The dictionary a name column draws from: the part its name says, or else the part most of its values are. */
    static String nameDictionary(ColumnInfo column, Tally tally) {
        ColumnNames.NamePart part = ColumnNames.namePart(column.column());
        if (part != null) {
            return switch (part) {
                case FIRST -> FIRST_NAMES;
                case LAST -> LAST_NAMES;
                case FULL -> "full-names";
            };
        }
        int first = tally.nameParts(PersonNames.Part.FIRST) + tally.nameParts(PersonNames.Part.EITHER);
        int last = tally.nameParts(PersonNames.Part.LAST) + tally.nameParts(PersonNames.Part.EITHER);
        int full = tally.nameParts(PersonNames.Part.FULL);
        if (full > 0 && full >= Math.max(first, last)) {
            return "full-names";
        }
        return first >= last ? FIRST_NAMES : LAST_NAMES;
    }

    private static List<Option> birthDate() {
        return List.of(new Option("date-shift", Map.of("keep", "ageBand", "band", 1), "date-shift moves each "
                + "date by a keyed number of days, at most a year, so an age changes by a year at most."),
                new Option("null", Map.of(), "The dates are text, which date-shift cannot move; null clears them "
                        + "(or change the column to a date type)."),
                new Option("fixed", Map.of("value", "1970-01-01"), "The dates are text, which date-shift cannot "
                        + "move, and NOT NULL; fixed gives every row one date (or change the column to a date "
                        + "type)."));
    }

    private static String tokens(Tally tally) {
        return new TreeSet<>(tally.tokensInside().stream().map(SensitiveTokens.Kind::pattern).toList())
                .toString();
    }

    /**
     * An e-mail column beside the first- and last-name columns its table's findings mask with secure-lookup gets
     * {@code firstNameColumn} and {@code lastNameColumn}, so a masked address matches the masked name in its row.
     */
    List<Finding> emailsFromNames(List<Finding> findings, List<ColumnInfo> columns,
            Map<String, List<String>> samples) {
        Map<String, Object> nameColumns = new LinkedHashMap<>();
        nameColumn(findings, FIRST_NAMES).ifPresent(name -> nameColumns.put("firstNameColumn", name));
        nameColumn(findings, LAST_NAMES).ifPresent(name -> nameColumns.put("lastNameColumn", name));
        if (nameColumns.isEmpty()) {
            return findings;
        }
        List<Finding> linked = new ArrayList<>();
        for (Finding finding : findings) {
            ColumnInfo column = columns.stream().filter(c -> c.column().equals(finding.column())).findFirst()
                    .orElseThrow();
            boolean plainEmail = finding.suggested() != null && "email".equals(finding.suggested().algorithm())
                    && finding.suggested().params().isEmpty();
            List<String> values = samples.getOrDefault(column.column(), List.of()).stream().filter(
                    Objects::nonNull).toList();
            if (plainEmail && refusal("email", nameColumns, column, values) == null) {
                linked.add(finding.suggesting(new SuggestedRule("email", nameColumns), "email gives each address "
                        + "a distinct, readable one at example.com, made from the masked names of its row."));
            } else {
                linked.add(finding);
            }
        }
        return linked;
    }

    private static Optional<String> nameColumn(List<Finding> findings, String dictionary) {
        List<String> columns = findings.stream().filter(finding -> finding.suggested() != null && "secure-lookup"
                .equals(finding.suggested().algorithm()) && dictionary.equals(
                        finding.suggested().params().get(
                                "dictionary")))
                .map(Finding::column).toList();
        return columns.size() == 1 ? Optional.of(columns.get(0)) : Optional.empty();
    }

    /** Why the rule cannot mask the column or one of its values, {@code null} when it can. */
    private String refusal(String algorithm, Map<String, Object> params, ColumnInfo column, List<String> values) {
        MaskingRule rule = new MaskingRule(column.table(), column.column(), algorithm, params);
        Masker masker;
        try {
            masker = Algorithms.create(rule, column, keys).masker();
        } catch (RuleError e) {
            return e.getMessage();
        }
        try {
            for (String value : values) {
                masker.mask(value, Masker.Row.NONE);
            }
            return null;
        } catch (RuntimeException e) {
            // The algorithms' messages never quote the value.
            return algorithm + " fails on a sampled value: " + e.getMessage();
        }
    }
}
