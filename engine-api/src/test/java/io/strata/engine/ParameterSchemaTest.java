package io.strata.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.strata.engine.ParameterSchema.FieldError;
import io.strata.engine.ParameterSchema.Parameter;

class ParameterSchemaTest {

    private final ParameterSchema schema = ParameterSchema.of(
            Parameter.object("connection", true, "how to reach the database",
                    Parameter.string("host", true, "host name or address"),
                    Parameter.integer("port", false, "TCP port", 1, 65535),
                    Parameter.string("database", true, "database name").matching("[A-Za-z0-9_]+"),
                    Parameter.secret("password", true, "the role's password")),
            Parameter.bool("logSync", "keep the source's WAL for point in time"));

    @Test
    void aGoodDefinitionPasses() {
        assertThat(schema.validate(Map.of("connection", Map.of("host", "db1", "port", 5432, "database", "app",
                "password", "x"), "logSync", true))).isEmpty();
    }

    @Test
    void everyProblemNamesItsField() {
        List<FieldError> errors = schema.validate(Map.of("connection", Map.of("host", "", "port", 70000,
                "database", "bad name"), "logSync", "yes"));
        assertThat(errors).extracting(FieldError::field).containsExactly("connection.host", "connection.port",
                "connection.database", "connection.password", "logSync");
        assertThat(errors.get(1).message()).contains("between 1 and 65535");
    }

    @Test
    void aMissingObjectIsOneError() {
        assertThat(schema.validate(Map.of())).extracting(FieldError::field).containsExactly("connection");
    }

    @Test
    void secretsAreKnownByPathAndWriteOnlyInTheSchema() {
        assertThat(schema.secretPaths()).containsExactly("connection.password");
        @SuppressWarnings("unchecked")
        Map<String, Object> connection = (Map<String, Object>) ((Map<String, Object>) schema.toJsonSchema().get(
                "properties")).get("connection");
        assertThat(connection.get("required")).isEqualTo(List.of("host", "database", "password"));
        assertThat(((Map<?, ?>) ((Map<?, ?>) connection.get("properties")).get("password")).get("writeOnly"))
                .isEqualTo(true);
    }
}
