package io.strata.masking.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class TableSamplerTest {

    private static TableSchema table(String schema, long rowEstimate) {
        return new TableSchema(schema, "customer", List.of(), List.of(), List.of(), List.of(), rowEstimate, List
                .of());
    }

    @Test
    void aSmallOrNeverAnalyzedTableIsReadWithLimitAndEachValueIsCut() {
        assertThat(TableSampler.byPages(table("public", 59), 1000)).isFalse();
        assertThat(TableSampler.byPages(table("public", -1), 1000)).isFalse();
        assertThat(TableSampler.byPages(table("public", 10_000), 1000)).isFalse();
        assertThat(TableSampler.query(table("public", 59), List.of("email", "odd\"name"), 1000, false)).isEqualTo(
                "select left(\"email\"::text, 4096), left(\"odd\"\"name\"::text, 4096) from \"public\".\"customer\" "
                        + "limit 1000");
    }

    @Test
    void aBigTableIsSampledByPagesRepeatably() {
        TableSchema big = table("sales", 1_000_000);

        assertThat(TableSampler.byPages(big, 1000)).isTrue();
        assertThat(TableSampler.query(big, List.of("email"), 1000, true)).isEqualTo("select left(\"email\"::text, "
                + "4096) from \"sales\".\"customer\" tablesample system (0.200000) repeatable (0) limit 1000");
    }
}
