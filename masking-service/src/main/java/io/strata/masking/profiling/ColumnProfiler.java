package io.strata.masking.profiling;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import io.strata.masking.algorithms.ColumnInfo;

/**
 * Judges one column from its name and a sample of its values, and suggests how to mask it.
 *
 * <p>
 * For each kind the column's type may hold, the evidence is the share of the sampled non-null values that look like
 * the kind: strongly, or also loosely when the name suggests the kind (see {@link Detectors}). The values alone make a
 * finding when the evidence is at least {@value #DATA_SHARE} over at least {@value #MIN_MATCHES} values. Free text
 * needs only {@value #FREE_TEXT_MIN_MATCHES} values holding an e-mail or an IBAN, whatever their share, since one
 * e-mail in a note is already a leak and {@code redact} leaves the rest of the text alone; numbers alone (phone
 * numbers, SSNs, cards) must be in {@value #FREE_TEXT_NUMBER_SHARE} of the values or more, since titles and
 * descriptions hold years, ranges and catalogue numbers of the same shapes. A name that suggests a kind makes a finding
 * on its own, reported with its evidence, which may be 0. Dates of birth are only found through a name: a column of
 * dates says nothing about whose birthdays they are.
 *
 * <p>
 * A column gets one finding, the best supported: name and values ({@link FoundBy#BOTH}) over values alone over the
 * name alone, then the higher evidence. Not thread-safe.
 */
public final class ColumnProfiler {

    /** The share of sampled values that must look like a kind for the values alone to make a finding. */
    public static final double DATA_SHARE = 0.6;
    /** The fewest matching values for the values alone to make a finding. */
    public static final int MIN_MATCHES = 3;
    /** The fewest values with a token inside for free text to make a finding. */
    public static final int FREE_TEXT_MIN_MATCHES = 2;
    /** The share of values free text needs when the tokens inside are only numbers. */
    public static final double FREE_TEXT_NUMBER_SHARE = 0.1;

    private final LocalDate today;
    private final PersonNames names = new PersonNames();
    private final Suggestions suggestions = new Suggestions();

    /** A profiler as of {@code today}, the day dates of birth are counted back from. */
    public ColumnProfiler(LocalDate today) {
        this.today = today;
    }

    /** The support of one kind in one column. */
    private record Candidate(PiiKind kind, FoundBy foundBy, double evidence) {

        boolean beats(Candidate other) {
            int byWhat = Integer.compare(rank(foundBy), rank(other.foundBy));
            return byWhat != 0 ? byWhat > 0 : evidence > other.evidence;
        }

        private static int rank(FoundBy foundBy) {
            return switch (foundBy) {
                case BOTH -> 2;
                case DATA -> 1;
                case COLUMN_NAME -> 0;
            };
        }
    }

    /**
     * The column's finding with a suggested rule, empty when neither its name nor its values suggest sensitive data
     * or profiling does not sample its type.
     *
     * @param values the sampled values, {@code null} for SQL NULL, in PostgreSQL's text form
     */
    public Optional<Finding> profile(ColumnInfo column, List<String> values) {
        ColumnGroup group = ColumnGroup.of(column);
        if (group == null) {
            return Optional.empty();
        }
        List<String> present = values.stream().filter(Objects::nonNull).toList();
        Set<PiiKind> hints = ColumnNames.hints(column.column());
        Tally tally = Tally.of(present, group, today, names);
        Candidate best = null;
        for (PiiKind kind : group.kinds()) {
            Candidate candidate = candidate(kind, hints.contains(kind), tally);
            if (candidate != null && (best == null || candidate.beats(best))) {
                best = candidate;
            }
        }
        if (best == null) {
            return Optional.empty();
        }
        Finding finding = new Finding(column.table(), column.column(), column.type(), best.kind(), best.foundBy(),
                Math.round(best.evidence() * 1000) / 1000.0, values.size(), present.size(), null, null);
        return Optional.of(suggestions.suggest(finding, column, present, tally));
    }

    /**
     * The findings of one table's columns, in the order given. Besides each column on its own, an e-mail column
     * beside first- and last-name columns is masked from the masked names of its row.
     *
     * @param samples each column's sampled values by the column's name, one entry per sampled row
     */
    public List<Finding> profileTable(List<ColumnInfo> columns, Map<String, List<String>> samples) {
        List<Finding> findings = new ArrayList<>();
        for (ColumnInfo column : columns) {
            profile(column, samples.getOrDefault(column.column(), List.of())).ifPresent(findings::add);
        }
        return suggestions.emailsFromNames(findings, columns, samples);
    }

    /**
     * Whether a character column profiling found nothing in holds words of the name dictionaries: once names are
     * masked, the leak check may find one of the original names in its text by chance (a song called Angel, a
     * composer called Frank), so it is a column to review and, if its text is public, declare public text.
     */
    public boolean sharesWordsWithNames(ColumnInfo column, List<String> values) {
        return ColumnGroup.of(column) == ColumnGroup.CHARACTER && values.stream().anyMatch(value -> value != null
                && names.holdsNameWord(value));
    }

    private static Candidate candidate(PiiKind kind, boolean named, Tally tally) {
        if (kind == PiiKind.FREE_TEXT_WITH_PII) {
            return freeText(tally);
        }
        int matches = tally.matches(kind, named);
        double evidence = share(matches, tally);
        boolean shown = evidence >= DATA_SHARE && matches >= MIN_MATCHES;
        if (named) {
            return new Candidate(kind, shown ? FoundBy.BOTH : FoundBy.COLUMN_NAME, evidence);
        }
        return shown ? new Candidate(kind, FoundBy.DATA, evidence) : null;
    }

    /** Free text: found by its values alone, never by its name (every description column would be). */
    private static Candidate freeText(Tally tally) {
        int unmistakable = tally.matches(PiiKind.FREE_TEXT_WITH_PII, false);
        int matches = tally.matches(PiiKind.FREE_TEXT_WITH_PII, true);
        double evidence = share(matches, tally);
        boolean shown = unmistakable >= FREE_TEXT_MIN_MATCHES || matches >= FREE_TEXT_MIN_MATCHES
                && evidence >= FREE_TEXT_NUMBER_SHARE;
        return shown ? new Candidate(PiiKind.FREE_TEXT_WITH_PII, FoundBy.DATA, evidence) : null;
    }

    private static double share(int matches, Tally tally) {
        return tally.values() == 0 ? 0 : (double) matches / tally.values();
    }
}
