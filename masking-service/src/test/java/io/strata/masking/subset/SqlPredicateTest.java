package io.strata.masking.subset;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SqlPredicateTest {

    @Test
    void oneConditionPasses() {
        assertThat(SqlPredicate.problem("country = 'USA' AND (city = 'Boston' OR city = 'Chicago')")).isEmpty();
        assertThat(SqlPredicate.problem("customer_id IN (SELECT customer_id FROM invoice WHERE total > 10)"))
                .isEmpty();
    }

    @Test
    void aSemicolonOrAClosingParenthesisInsideALiteralOrCommentIsNoStatement() {
        assertThat(SqlPredicate.problem("name = 'a;b)'")).isEmpty();
        assertThat(SqlPredicate.problem("name = 'it''s;)'")).isEmpty();
        assertThat(SqlPredicate.problem("\"odd;col)\" = 1")).isEmpty();
        assertThat(SqlPredicate.problem("name = $$;)$$ OR name = $t$ ; $t$")).isEmpty();
        assertThat(SqlPredicate.problem("name = E'\\';)'")).isEmpty();
        assertThat(SqlPredicate.problem("true -- ; )\n AND 1 = 1")).isEmpty();
        assertThat(SqlPredicate.problem("true /* ; /* ) */ ) */ AND 1 = 1")).isEmpty();
    }

    @Test
    void aSecondStatementIsRefused() {
        assertThat(SqlPredicate.problem("true; DELETE FROM customer")).get().asString().contains("';'");
        assertThat(SqlPredicate.problem("name = 'x'; DROP TABLE t; --")).isPresent();
        // In a standard string a backslash escapes nothing: the quote closes it and the ';' is outside.
        assertThat(SqlPredicate.problem("name = '\\'; DROP TABLE t; --'")).isPresent();
    }

    @Test
    void aParenthesisClosingTheWrappingOneIsRefused() {
        assertThat(SqlPredicate.problem("true) OR (true")).get().asString().contains("position 5");
        assertThat(SqlPredicate.problem("true) UNION SELECT 1 FROM t WHERE (true")).isPresent();
    }

    @Test
    void aDollarSignThatIsNoQuoteIsPlainText() {
        assertThat(SqlPredicate.problem("price$ = 1 AND a = $1")).isEmpty();
        assertThat(SqlPredicate.problem("price$ = 1; DELETE FROM t")).isPresent();
    }
}
