package io.strata.masking.algorithms;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The dictionaries bundled with the service ({@code dictionaries/<name>.txt} on the class path, one entry per line):
 * realistic first and last names from many cultures, cities, street names and company names. Each is read once, on
 * first use; thread-safe. A dictionary is its non-blank lines, stripped, in file order: a line's index is what keyed
 * picks choose, so every algorithm that picks from a dictionary (secure-lookup, email, address) reads it here.
 */
public final class Dictionaries {

    /** The bundled dictionaries' names. */
    public static final List<String> NAMES = List.of("first-names", "last-names", "cities", "streets", "companies");

    private static final Map<String, List<String>> LOADED = new ConcurrentHashMap<>();

    private Dictionaries() {
    }

    /**
     * A dictionary's entries, in the file's order.
     *
     * @throws IllegalArgumentException when there is no dictionary of that name
     */
    public static List<String> get(String name) {
        if (!NAMES.contains(name)) {
            throw new IllegalArgumentException("No dictionary '" + name + "'; the dictionaries are " + NAMES);
        }
        return LOADED.computeIfAbsent(name, Dictionaries::load);
    }

    private static List<String> load(String name) {
        String resource = "dictionaries/" + name + ".txt";
        try (InputStream stream = Dictionaries.class.getClassLoader().getResourceAsStream(resource)) {
            if (stream == null) {
                throw new IllegalStateException("The dictionary " + resource + " is missing from the class path");
            }
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                List<String> entries = reader.lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
                if (entries.isEmpty()) {
                    throw new IllegalStateException("The dictionary " + resource + " is empty");
                }
                return entries;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the dictionary " + resource, e);
        }
    }
}
