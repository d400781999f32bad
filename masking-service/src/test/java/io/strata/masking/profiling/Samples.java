package io.strata.masking.profiling;

import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import io.strata.masking.algorithms.Algorithms;
import io.strata.masking.algorithms.ColumnInfo;
import io.strata.masking.algorithms.Dictionaries;
import io.strata.masking.algorithms.MaskingKeys;

/** Columns and sampled values for the profiling tests. */
final class Samples {

    /** Keys for checking that suggestions configure; what they mask is not looked at. */
    static final MaskingKeys KEYS = new ThrowawayKeys();

    static final List<String> IBANS = List.of("DE89370400440532013000", "GB82 WEST 1234 5698 7654 32",
            "FR1420041010050500013M02606", "NL91ABNA0417164300", "BE68539007547034", "ES9121000418450200051332");

    static final List<String> SONG_TITLES = List.of("For Those About To Rock (We Salute You)", "Balls to the Wall",
            "Fast As a Shark", "Restless and Wild", "Princess of the Dawn", "Put The Finger On You", "Let's Get It Up",
            "Inject The Venom", "Snowballed", "Evil Walks", "Angel");

    static final List<String> ADDRESSES = List.of("12 Elm Street", "221B Baker Street", "1600 Amphitheatre Parkway",
            "10 Downing Street", "4 Privet Drive", "742 Evergreen Terrace", "Theodor-Heuss-Straße 34",
            "1 Infinite Loop", "350 Fifth Avenue", "8, Rue Hanovre");

    private Samples() {
    }

    /** A nullable, non-unique column of table {@code people}. */
    static ColumnInfo column(String name, String type, Integer maxLength) {
        return new ColumnInfo("people", name, type, maxLength, false, true);
    }

    /** A {@code varchar(100)} column. */
    static ColumnInfo text(String name) {
        return column(name, "varchar", 100);
    }

    /** Ten e-mail addresses. */
    static List<String> emails() {
        return IntStream.range(0, 10).mapToObj(i -> "person" + i + "@example.com").toList();
    }

    /** Ten phone numbers. */
    static List<String> phones() {
        return IntStream.range(0, 10).mapToObj(i -> "+1 (555) 010-" + (1000 + i)).toList();
    }

    /** Ten SSNs that could have been issued, {@code 123-45-6789} or bare. */
    static List<String> ssns(boolean dashed) {
        return IntStream.range(0, 10).mapToObj(i -> String.format(dashed ? "%03d-%02d-%04d" : "%03d%02d%04d", 101
                + i * 37, 10 + i, 1000 + i * 7)).toList();
    }

    /** Ten 16-digit numbers whose Luhn check holds or, with {@code valid} false, fails. */
    static List<String> cards(boolean valid) {
        List<String> cards = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String body = "4" + String.format("%014d", 12_345_678_901L * (i + 1));
            int check = luhnDigit(body);
            cards.add(body + (valid ? check : (check + 1) % 10));
        }
        return cards;
    }

    private static int luhnDigit(String body) {
        int sum = 0;
        for (int i = 0; i < body.length(); i++) {
            int digit = body.charAt(body.length() - 1 - i) - '0';
            sum += i % 2 == 0 ? (digit * 2 > 9 ? digit * 2 - 9 : digit * 2) : digit;
        }
        return (10 - sum % 10) % 10;
    }

    /** The first ten entries of a dictionary. */
    static List<String> dictionary(String name) {
        return Dictionaries.get(name).subList(0, 10);
    }

    /** Ten full names. */
    static List<String> fullNames() {
        List<String> first = dictionary("first-names");
        List<String> last = dictionary("last-names");
        return IntStream.range(0, 10).mapToObj(i -> first.get(i) + " " + last.get(i)).toList();
    }

    /** Ten values, {@code matching} of them from the first list and the rest from the second. */
    static List<String> mixed(List<String> matching, int count, List<String> others) {
        List<String> values = new ArrayList<>(matching.subList(0, count));
        values.addAll(others.subList(0, 10 - count));
        return values;
    }

    /** Fails unless the finding's suggestion configures on its column. */
    static void assertFits(Finding finding, ColumnInfo column) {
        assertThatCode(() -> Algorithms.create(finding.toRule(), column, KEYS)).as(finding.toString())
                .doesNotThrowAnyException();
    }
}
