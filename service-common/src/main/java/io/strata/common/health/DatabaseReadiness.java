package io.strata.common.health;

import java.sql.Connection;
import java.sql.Statement;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.strata.common.schema.SchemaMigrator;

/** Readiness: the service's own database answers and its schema is migrated. Names the URL when it is not. */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements HealthCheck {

    @Inject
    DataSource dataSource;

    @Inject
    SchemaMigrator schema;

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("database").withData("url", schema.jdbcUrl());
        if (!schema.isReady()) {
            String problem = schema.problem();
            return response.withData("problem", problem != null ? problem : "schema migration has not run yet").down()
                    .build();
        }
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(2);
            statement.execute("select 1");
            return response.withData("schemaVersion", schema.schemaVersion()).up().build();
        } catch (Exception e) {
            return response.withData("problem", "Cannot reach database at " + schema.jdbcUrl() + ": " + e.getMessage())
                    .down().build();
        }
    }
}
