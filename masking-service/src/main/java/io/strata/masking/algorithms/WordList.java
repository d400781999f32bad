package io.strata.masking.algorithms;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Literal words or phrases to find in text, whole and ignoring case, indexed by their first character so that a
 * word start costs one look-up; the longest of two that start alike wins.
 */
final class WordList {

    private final Map<Character, String[]> byFirst = new HashMap<>();
    private final boolean[] asciiFirst = new boolean[128];

    WordList(List<String> words) {
        Map<Character, List<String>> grouped = new HashMap<>();
        for (String word : words) {
            grouped.computeIfAbsent(key(word.charAt(0)), c -> new ArrayList<>()).add(word);
        }
        grouped.forEach((first, list) -> {
            list.sort(Comparator.comparingInt(String::length).reversed());
            byFirst.put(first, list.toArray(String[]::new));
            if (first < 128) {
                asciiFirst[first] = true;
                asciiFirst[Character.toUpperCase(first)] = true;
            }
        });
    }

    /** Whether a word of the list may start with this character. */
    boolean mayStart(char c) {
        return c < 128 ? asciiFirst[c] : byFirst.containsKey(key(c));
    }

    /** The end of a word of the list at {@code i}, ending a word and not past {@code limit}; {@code -1} if none. */
    int match(String text, int i, int limit) {
        String[] candidates = byFirst.get(key(text.charAt(i)));
        if (candidates == null) {
            return -1;
        }
        for (String candidate : candidates) {
            int end = i + candidate.length();
            if (end <= limit && text.regionMatches(true, i, candidate, 0, candidate.length())
                    && TextTokens.endsWord(text, end)) {
                return end;
            }
        }
        return -1;
    }

    private static Character key(char c) {
        return Character.toLowerCase(c);
    }
}
