package io.strata.masking.algorithms;

import static io.strata.masking.algorithms.Fixtures.assertRefused;
import static io.strata.masking.algorithms.Fixtures.column;
import static io.strata.masking.algorithms.Fixtures.masker;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class AddressAlgorithmTest {

    private static final List<String> STREETS = Dictionaries.get("streets");
    private static final List<String> CITIES = Dictionaries.get("cities");

    @Test
    void aStreetIsAHouseNumberAndAStreetOfTheDictionary() {
        String masked = masker("address", Map.of()).mask("221B Baker Street", Masker.Row.NONE);

        assertThat(masked).matches("[1-9]\\d{0,3} .+");
        assertThat(STREETS).contains(masked.substring(masked.indexOf(' ') + 1));
        assertThat(masker("address", Map.of()).mask(null, Masker.Row.NONE)).isNull();
    }

    @Test
    void theSameValueGivesTheSameAddressInAnyTableAndAnotherKeyAnotherOne() {
        String masked = masker("address", Map.of("part", "full")).mask("221B Baker Street", Masker.Row.NONE);

        assertThat(masker("address", Map.of("part", "full"), column("varchar", 200, false), 1)
                .mask("221B Baker Street", Masker.Row.NONE)).isEqualTo(masked);
        assertThat(masker("address", Map.of("part", "full"), column("text"), 2).mask("221B Baker Street",
                Masker.Row.NONE)).isNotEqualTo(masked);
    }

    @Test
    void anEntitysRowsShareOneAddressAndItsStreetAndCityColumnsAgree() {
        Masker.Row customer = Map.of("customer_id", "42")::get;
        Map<String, Object> full = Map.of("part", "full", "entityColumn", "customer_id");

        String address = masker("address", full).mask("1 Old Road, Oldtown", customer);

        assertThat(masker("address", full).mask("9 Other Road, Elsewhere", customer)).isEqualTo(address);
        String street = masker("address", Map.of("entityColumn", "customer_id")).mask("1 Old Road", customer);
        String city = masker("address", Map.of("part", "city", "entityColumn", "customer_id")).mask("Oldtown",
                customer);
        assertThat(address).isEqualTo(street + ", " + city);
        assertThat(CITIES).contains(city);
    }

    @Test
    void anAddressFitsTheColumn() {
        Masker masker = masker("address", Map.of("part", "full"), column("varchar", 14, false), 1);

        for (int i = 0; i < 200; i++) {
            assertThat(masker.mask("street " + i, Masker.Row.NONE).length()).isLessThanOrEqualTo(14);
        }
    }

    @Test
    void wrongParametersAreRefusedByName() {
        assertRefused("address", Map.of("part", "zip"), "params.part");
        assertRefused("address", Map.of("entityColumn", 3), "params.entityColumn");
        assertRefused("address", Map.of("country", "FR"), "params.country");
    }
}
