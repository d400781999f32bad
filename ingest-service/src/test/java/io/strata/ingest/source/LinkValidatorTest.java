package io.strata.ingest.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.strata.common.errors.ApiException;

/** The checks of a link request that need no database: sync policies and secrets taken out of parameters. */
class LinkValidatorTest {

    @Test
    void aCronExpressionIsStrippedAndABadOneNamesTheFieldAndShowsAGoodOne() {
        assertThat(LinkValidator.cron(" 0 * * * * ")).isEqualTo("0 * * * *");
        assertThat(LinkValidator.cron(null)).isNull();
        assertThatThrownBy(() -> LinkValidator.cron("every hour")).isInstanceOfSatisfying(ApiException.class,
                e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.field()).isEqualTo("syncPolicy.cron");
                    assertThat(e.getMessage()).contains("'0 * * * *'");
                });
    }

    @Test
    void secretsAreTakenOutOfNestedParametersAndTheRestIsKept() {
        Map<String, Object> connection = new LinkedHashMap<>(Map.of("host", "db", "password", "s3cret"));
        Map<String, Object> parameters = new LinkedHashMap<>(Map.of("connection", connection, "logSync", true));

        Map<String, String> secrets = LinkValidator.extractSecrets(parameters, List.of("connection.password",
                "ssh.key"));

        assertThat(secrets).containsExactly(Map.entry("connection.password", "s3cret"));
        assertThat(parameters).containsEntry("logSync", true);
        assertThat(parameters.get("connection")).isEqualTo(Map.of("host", "db"));
        assertThat(connection).as("the caller's map is not changed").containsKey("password");
    }
}
