package io.strata.masking.algorithms;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The bundled dictionaries ({@code first-names}, {@code last-names}, {@code cities}, {@code streets},
 * {@code companies}), read once from {@code /dictionaries/<name>.txt} on the classpath. A dictionary is its
 * non-blank lines, stripped, in file order: a line's index is what keyed picks choose, so every algorithm that
 * picks from a dictionary (secure-lookup, email, address) must read it the same way.
 */
final class Dictionaries {

    private static final ConcurrentMap<String, List<String>> LOADED = new ConcurrentHashMap<>();

    private Dictionaries() {
    }

    /**
     * The dictionary's entries.
     *
     * @throws IllegalStateException when the build did not bundle it (a packaging fault, not a rule's)
     */
    static List<String> named(String name) {
        return LOADED.computeIfAbsent(name, Dictionaries::load);
    }

    private static List<String> load(String name) {
        String resource = "/dictionaries/" + name + ".txt";
        try (InputStream in = Dictionaries.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("The dictionary " + resource + " is missing from the classpath.");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            List<String> entries = new ArrayList<>();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String entry = line.strip();
                if (!entry.isEmpty()) {
                    entries.add(entry);
                }
            }
            if (entries.isEmpty()) {
                throw new IllegalStateException("The dictionary " + resource + " is empty.");
            }
            return List.copyOf(entries);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the dictionary " + resource, e);
        }
    }
}
