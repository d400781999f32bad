package io.strata.masking.profiling;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What a column's name says it holds. A name is read as its words ({@code billingAddress}, {@code billing_address}
 * and {@code BILLING-ADDRESS} alike) and as those words run together ({@code birthdate}, {@code emailaddress}), so that
 * both spellings are recognised. A name whose last word says it holds something about the data rather than the data
 * ({@code email_verified}, {@code phone_type}, {@code card_id}) suggests nothing.
 */
final class ColumnNames {

    /** The part of a person's name a column's name points to. */
    enum NamePart {
        FIRST, LAST, FULL
    }

    private static final Set<String> ABOUT_THE_DATA = Set.of("id", "ids", "uuid", "key", "type", "kind", "count",
            "flag", "status", "verified", "valid", "validated", "confirmed", "enabled", "format", "hash", "hashed");
    private static final Set<String> PHONE_WORDS = Set.of("tel", "mobile", "cell", "fax", "msisdn", "telefon",
            "telefone");
    private static final Set<String> NATIONAL_ID_WORDS = Set.of("ssn", "sin", "nin", "nino", "tin");
    private static final List<String> NATIONAL_ID_RUNS = List.of("socialsecurity", "nationalid",
            "nationalinsurance", "taxid", "taxpayer");
    private static final Set<String> NUMBER_WORDS = Set.of("number", "num", "no", "nr", "pan");
    private static final List<String> CARD_RUNS = List.of("creditcard", "cardnumber", "ccnumber", "ccnum");
    private static final Set<String> ADDRESS_WORDS = Set.of("addr", "street", "address1", "address2");
    private static final Set<String> NOT_POSTAL = Set.of("email", "mail", "ip", "mac", "url", "web", "wallet",
            "host", "server", "remote", "ipv4", "ipv6");
    private static final List<String> NOT_POSTAL_RUNS = List.of("email", "ipaddr", "macaddr");
    private static final List<String> FIRST_NAME_RUNS = List.of("firstname", "givenname", "forename", "middlename");
    private static final List<String> LAST_NAME_RUNS = List.of("lastname", "surname", "familyname", "maidenname");
    private static final List<String> FULL_NAME_RUNS = List.of("fullname", "personname", "contactname",
            "customername", "employeename", "patientname", "clientname");

    private ColumnNames() {
    }

    /** The name's words in lower case: {@code billingAddress1} gives {@code billing}, {@code address}, {@code 1}. */
    static List<String> words(String columnName) {
        String split = columnName.replaceAll("([a-z])([A-Z])", "$1_$2").replaceAll("([A-Za-z])([0-9])", "$1_$2");
        return Arrays.stream(split.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")).filter(word -> !word
                .isEmpty()).toList();
    }

    /** The kinds the name suggests, none for a neutral name. */
    static Set<PiiKind> hints(String columnName) {
        List<String> words = words(columnName);
        if (words.isEmpty() || ABOUT_THE_DATA.contains(words.get(words.size() - 1))) {
            return Collections.emptySet();
        }
        String joined = String.join("", words);
        Set<PiiKind> kinds = EnumSet.noneOf(PiiKind.class);
        addIf(kinds, PiiKind.EMAIL, joined.contains("email") || words.contains("mail"));
        addIf(kinds, PiiKind.PHONE, joined.contains("phone") || words.stream().anyMatch(PHONE_WORDS::contains));
        addIf(kinds, PiiKind.NATIONAL_ID, words.stream().anyMatch(NATIONAL_ID_WORDS::contains) || containsAny(
                joined, NATIONAL_ID_RUNS));
        addIf(kinds, PiiKind.CARD_NUMBER, isCardName(words, joined));
        addIf(kinds, PiiKind.IBAN, joined.contains("iban"));
        addIf(kinds, PiiKind.PERSON_NAME, namePart(columnName) != null);
        addIf(kinds, PiiKind.DATE_OF_BIRTH, joined.contains("birth") || words.contains("dob") || words.contains(
                "born"));
        addIf(kinds, PiiKind.STREET_ADDRESS, isAddressName(words, joined));
        return kinds;
    }

    /** The part of a person's name the column's name points to, {@code null} when none. */
    static NamePart namePart(String columnName) {
        List<String> words = words(columnName);
        String joined = String.join("", words);
        if (containsAny(joined, FIRST_NAME_RUNS) || words.contains("fname")) {
            return NamePart.FIRST;
        }
        if (containsAny(joined, LAST_NAME_RUNS) || words.contains("lname")) {
            return NamePart.LAST;
        }
        return containsAny(joined, FULL_NAME_RUNS) ? NamePart.FULL : null;
    }

    private static boolean isCardName(List<String> words, String joined) {
        return words.contains("card") && words.stream().anyMatch(NUMBER_WORDS::contains) || containsAny(joined,
                CARD_RUNS) || words.contains("pan");
    }

    /** A postal address, not an e-mail, network or web address. */
    private static boolean isAddressName(List<String> words, String joined) {
        boolean address = joined.contains("address") || words.stream().anyMatch(ADDRESS_WORDS::contains);
        return address && !containsAny(joined, NOT_POSTAL_RUNS) && words.stream().noneMatch(NOT_POSTAL::contains);
    }

    private static boolean containsAny(String joined, List<String> runs) {
        return runs.stream().anyMatch(joined::contains);
    }

    private static void addIf(Set<PiiKind> kinds, PiiKind kind, boolean condition) {
        if (condition) {
            kinds.add(kind);
        }
    }
}
