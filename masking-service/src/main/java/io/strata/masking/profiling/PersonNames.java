package io.strata.masking.profiling;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.strata.masking.algorithms.Dictionaries;

/**
 * Recognises people's names with the bundled {@code first-names} and {@code last-names} dictionaries, ignoring case
 * and accents ({@code LUÍS} is {@code Luis}). A value is a first name, a last name, either (some names are both), or
 * a full name: two to four words, the first a first name and the last a last name, or {@code Last, First}.
 */
final class PersonNames {

    /** What a value is. */
    enum Part {
        FIRST, LAST, EITHER, FULL
    }

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern NOT_LETTERS = Pattern.compile("[^\\p{L}']+");
    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final int MOST_WORDS = 4;

    private final Set<String> first = folded(Dictionaries.get("first-names"));
    private final Set<String> last = folded(Dictionaries.get("last-names"));

    /** The part of a name the value is, {@code null} when it is none. */
    Part of(String value) {
        String text = fold(value.strip());
        if (text.length() < 2) {
            return null;
        }
        int comma = text.indexOf(',');
        if (comma > 0) {
            return last.contains(text.substring(0, comma).strip()) && first.contains(firstWord(text.substring(
                    comma + 1))) ? Part.FULL : null;
        }
        String[] words = SPACES.split(text);
        if (words.length == 1) {
            return single(text);
        }
        return words.length <= MOST_WORDS && first.contains(words[0]) && last.contains(words[words.length - 1])
                ? Part.FULL
                : null;
    }

    /**
     * Whether the text holds a word of three letters or more that is in a name dictionary: text where the leak check
     * after masking may find a masked name by chance ({@code Angel} in a song title).
     */
    boolean holdsNameWord(String text) {
        for (String word : NOT_LETTERS.split(fold(text))) {
            if (word.length() >= 3 && (first.contains(word) || last.contains(word))) {
                return true;
            }
        }
        return false;
    }

    private Part single(String word) {
        boolean isFirst = first.contains(word);
        boolean isLast = last.contains(word);
        if (isFirst && isLast) {
            return Part.EITHER;
        }
        if (isFirst) {
            return Part.FIRST;
        }
        return isLast ? Part.LAST : null;
    }

    private static String firstWord(String text) {
        String[] words = SPACES.split(text.strip());
        return words.length == 0 ? "" : words[0];
    }

    /** Lower case without accents, so that dictionary look-ups ignore both. */
    static String fold(String text) {
        return MARKS.matcher(Normalizer.normalize(text, Normalizer.Form.NFD)).replaceAll("").toLowerCase(
                Locale.ROOT);
    }

    private static Set<String> folded(List<String> entries) {
        return entries.stream().map(PersonNames::fold).collect(Collectors.toUnmodifiableSet());
    }
}
