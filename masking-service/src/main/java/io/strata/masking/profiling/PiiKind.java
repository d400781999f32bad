package io.strata.masking.profiling;

/** The kinds of sensitive data profiling looks for. */
public enum PiiKind {

    /** E-mail addresses. */
    EMAIL,
    /** Phone and fax numbers. */
    PHONE,
    /** National identifiers: US social security numbers (nine digits, written 123-45-6789 or not). */
    NATIONAL_ID,
    /** Payment card numbers: 13 to 19 digits whose Luhn check holds. */
    CARD_NUMBER,
    /** International bank account numbers whose mod-97 check holds. */
    IBAN,
    /** First, last or full names of people, found in the bundled name dictionaries. */
    PERSON_NAME,
    /** Dates of birth: a date column whose name says so, holding dates a living adult or child may have. */
    DATE_OF_BIRTH,
    /** Street addresses: a house number and a street. */
    STREET_ADDRESS,
    /** Free text or JSON with e-mails, phone numbers, SSNs, card numbers or IBANs inside it. */
    FREE_TEXT_WITH_PII
}
