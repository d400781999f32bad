package io.strata.masking.profiling;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.strata.masking.profiling.ColumnNames.NamePart;

class ColumnNamesTest {

    @Test
    void aNameIsReadAsItsWordsHoweverItIsWritten() {
        assertThat(ColumnNames.words("billingAddress1")).containsExactly("billing", "address", "1");
        assertThat(ColumnNames.words("BILLING-ADDRESS")).containsExactly("billing", "address");
        assertThat(ColumnNames.words("date_of_birth")).containsExactly("date", "of", "birth");
    }

    @Test
    void namesSuggestKinds() {
        assertThat(ColumnNames.hints("email")).containsExactly(PiiKind.EMAIL);
        assertThat(ColumnNames.hints("e_mail")).containsExactly(PiiKind.EMAIL);
        assertThat(ColumnNames.hints("EmailAddress")).containsExactly(PiiKind.EMAIL);
        assertThat(ColumnNames.hints("fax")).containsExactly(PiiKind.PHONE);
        assertThat(ColumnNames.hints("mobile_phone")).containsExactly(PiiKind.PHONE);
        assertThat(ColumnNames.hints("ssn")).containsExactly(PiiKind.NATIONAL_ID);
        assertThat(ColumnNames.hints("social_security_number")).containsExactly(PiiKind.NATIONAL_ID);
        assertThat(ColumnNames.hints("card_number")).containsExactly(PiiKind.CARD_NUMBER);
        assertThat(ColumnNames.hints("creditCard")).containsExactly(PiiKind.CARD_NUMBER);
        assertThat(ColumnNames.hints("iban")).containsExactly(PiiKind.IBAN);
        assertThat(ColumnNames.hints("birth_date")).containsExactly(PiiKind.DATE_OF_BIRTH);
        assertThat(ColumnNames.hints("DOB")).containsExactly(PiiKind.DATE_OF_BIRTH);
        assertThat(ColumnNames.hints("billing_address")).containsExactly(PiiKind.STREET_ADDRESS);
        assertThat(ColumnNames.hints("street")).containsExactly(PiiKind.STREET_ADDRESS);
        assertThat(ColumnNames.hints("first_name")).containsExactly(PiiKind.PERSON_NAME);
    }

    @Test
    void neutralNamesAndNamesAboutTheDataSuggestNothing() {
        assertThat(ColumnNames.hints("order_no")).isEmpty();
        assertThat(ColumnNames.hints("name")).isEmpty();
        assertThat(ColumnNames.hints("title")).isEmpty();
        assertThat(ColumnNames.hints("ip_address")).isEmpty();
        assertThat(ColumnNames.hints("ipaddress")).isEmpty();
        assertThat(ColumnNames.hints("card_type")).isEmpty();
        assertThat(ColumnNames.hints("phone_type")).isEmpty();
        assertThat(ColumnNames.hints("email_verified")).isEmpty();
        assertThat(ColumnNames.hints("address_id")).isEmpty();
        assertThat(ColumnNames.hints("username")).isEmpty();
    }

    @Test
    void anEmailAddressIsNoStreetAddress() {
        assertThat(ColumnNames.hints("email_address")).containsExactly(PiiKind.EMAIL);
    }

    @Test
    void namePartsFollowTheName() {
        assertThat(ColumnNames.namePart("first_name")).isEqualTo(NamePart.FIRST);
        assertThat(ColumnNames.namePart("givenName")).isEqualTo(NamePart.FIRST);
        assertThat(ColumnNames.namePart("surname")).isEqualTo(NamePart.LAST);
        assertThat(ColumnNames.namePart("LastName")).isEqualTo(NamePart.LAST);
        assertThat(ColumnNames.namePart("customer_name")).isEqualTo(NamePart.FULL);
        assertThat(ColumnNames.namePart("name")).isNull();
        assertThat(ColumnNames.namePart("company_name")).isNull();
    }
}
