package io.strata.common.schema;

import java.net.ConnectException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.flywaydb.core.Flyway;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Migrates the service's schema with Flyway when the database answers, and keeps trying while it does not. A
 * service whose database is down still starts, says so in one line naming the URL it tried, and reports readiness
 * DOWN until the migration has run; then it fires {@link SchemaReady}. Flyway's own migrate-at-start would instead
 * fail the start and leave a crash loop.
 */
@ApplicationScoped
public class SchemaMigrator {

    private static final Duration RETRY_INTERVAL = Duration.ofSeconds(2);

    @Inject
    Flyway flyway;

    @Inject
    Event<SchemaReady> schemaReady;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    private final CountDownLatch migrated = new CountDownLatch(1);
    private volatile boolean stopping;
    private volatile String lastProblem;
    private volatile String schemaVersion;

    void onStart(@Observes StartupEvent event) {
        // Fast path: when the database is up the schema is ready before the first request is served.
        if (tryMigrate()) {
            return;
        }
        Thread retry = new Thread(this::retryUntilMigrated, "schema-migrator");
        retry.setDaemon(true);
        retry.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        stopping = true;
    }

    /** Whether the schema is migrated and the service may touch its tables. */
    public boolean isReady() {
        return migrated.getCount() == 0;
    }

    /** Waits up to {@code timeout} for the schema; returns whether it is ready. */
    public boolean awaitReady(Duration timeout) throws InterruptedException {
        return migrated.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Why the schema is not ready yet, or {@code null}. */
    public String problem() {
        return isReady() ? null : lastProblem;
    }

    /** The JDBC URL the service uses (no password in it). */
    public String jdbcUrl() {
        return jdbcUrl;
    }

    /** The applied schema version, once ready. */
    public String schemaVersion() {
        return schemaVersion;
    }

    private void retryUntilMigrated() {
        while (!stopping && !isReady()) {
            try {
                Thread.sleep(RETRY_INTERVAL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            tryMigrate();
        }
    }

    private boolean tryMigrate() {
        try {
            flyway.migrate();
            var current = flyway.info().current();
            schemaVersion = current != null ? current.getVersion().getVersion() : "empty";
            if (lastProblem != null) {
                Log.infof("Database at %s answers again; schema migrated to version %s", jdbcUrl, schemaVersion);
            } else {
                Log.debugf("Schema at %s migrated to version %s", jdbcUrl, schemaVersion);
            }
            lastProblem = null;
            migrated.countDown();
            schemaReady.fire(new SchemaReady(schemaVersion));
            return true;
        } catch (RuntimeException e) {
            String problem = describe(e);
            if (!problem.equals(lastProblem)) {
                // One line per distinct problem, not one per retry.
                Log.errorf("%s Retrying every %d s; readiness is DOWN until then.", problem,
                        RETRY_INTERVAL.toSeconds());
            }
            lastProblem = problem;
            return false;
        }
    }

    private String describe(Throwable error) {
        Throwable cause = error;
        boolean unreachable = false;
        String message = error.getMessage();
        while (cause != null) {
            if (cause instanceof ConnectException
                    || cause instanceof SQLException sql && sql.getSQLState() != null
                            && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("28")
                                    || sql.getSQLState().equals("3D000"))) {
                unreachable = true;
                message = cause.getMessage();
            }
            if (cause.getCause() == null && !unreachable) {
                message = cause.getMessage();
            }
            cause = cause.getCause();
        }
        String oneLine = message == null ? error.getClass().getSimpleName() : message.replaceAll("\\s+", " ").trim();
        return unreachable
                ? "Cannot reach database at " + jdbcUrl + ": " + oneLine + "."
                : "Schema migration failed on " + jdbcUrl + ": " + oneLine + ".";
    }
}
