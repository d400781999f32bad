package io.strata.provisioning.health;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.strata.common.schema.SchemaMigrator;
import io.strata.provisioning.vdb.Vdb;

/**
 * Virtual databases by status as the gauge {@code strata.vdbs} (tag {@code status}), counted every few seconds so a
 * scrape never waits on the database.
 */
@ApplicationScoped
public class VdbMetrics {

    @Inject
    MeterRegistry registry;

    @Inject
    SchemaMigrator schema;

    private final Map<Vdb.Status, AtomicLong> counts = new EnumMap<>(Vdb.Status.class);

    void register(@Observes StartupEvent start) {
        for (Vdb.Status status : Vdb.Status.values()) {
            if (status != Vdb.Status.DELETED) {
                AtomicLong count = new AtomicLong();
                counts.put(status, count);
                Gauge.builder("strata.vdbs", count, AtomicLong::get).description("Virtual databases by status")
                        .tag("status", status.name()).register(registry);
            }
        }
    }

    @Scheduled(every = "${strata.provisioning.metrics-interval:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void count() {
        if (!schema.isReady()) {
            return;
        }
        QuarkusTransaction.requiringNew().run(() -> counts.forEach((status, count) -> count.set(Vdb.count("status",
                status))));
    }
}
