package io.strata.ingest.health;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.strata.common.schema.SchemaMigrator;
import io.strata.engine.StagingStatus;
import io.strata.engine.UserError;
import io.strata.ingest.source.Source;
import io.strata.ingest.source.SourceContexts;

/**
 * How far each ACTIVE source's staging copy trails its source, as the gauges
 * {@code strata.source.staging.lag.bytes} and {@code strata.source.staging.lag.seconds} (tag {@code source}, the
 * source's name). The plugins are asked every {@code strata.ingest.metrics-interval}; a copy that cannot be asked
 * reads NaN.
 */
@ApplicationScoped
public class StagingMetrics {

    @Inject
    MeterRegistry registry;

    @Inject
    SchemaMigrator schema;

    @Inject
    SourceContexts contexts;

    private final Map<String, double[]> lags = new ConcurrentHashMap<>();

    @Scheduled(every = "${strata.ingest.metrics-interval:30s}", delayed = "10s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void measure() {
        if (!schema.isReady()) {
            return;
        }
        List<Source> active = QuarkusTransaction.requiringNew().call(() -> Source.<Source>list("state",
                Source.State.ACTIVE));
        forgetAllBut(active.stream().map(source -> source.name).toList());
        for (Source source : active) {
            double[] lag = lags.computeIfAbsent(source.name, this::register);
            try {
                StagingStatus status = contexts.plugin(source).linked().status(contexts.linked(source), contexts
                        .staging(source, source.stagingPath));
                lag[0] = status.lagBytes() == null ? Double.NaN : status.lagBytes();
                lag[1] = status.lagSeconds() == null ? Double.NaN : status.lagSeconds();
            } catch (UserError e) {
                Log.debugf("Cannot measure the staging lag of %s: %s", source.name, e.describe());
                lag[0] = Double.NaN;
                lag[1] = Double.NaN;
            }
        }
    }

    /** Removes the gauges of sources that are gone or no longer ACTIVE, so a scrape shows no stale lag. */
    private void forgetAllBut(List<String> names) {
        for (String gone : lags.keySet().stream().filter(name -> !names.contains(name)).toList()) {
            lags.remove(gone);
            registry.find("strata.source.staging.lag.bytes").tag("source", gone).meters().forEach(registry::remove);
            registry.find("strata.source.staging.lag.seconds").tag("source", gone).meters().forEach(
                    registry::remove);
        }
    }

    private double[] register(String source) {
        double[] lag = {Double.NaN, Double.NaN};
        Gauge.builder("strata.source.staging.lag.bytes", lag, values -> values[0]).tag("source", source)
                .description("Bytes of the source's log the staging copy has not replayed").baseUnit("bytes")
                .register(registry);
        Gauge.builder("strata.source.staging.lag.seconds", lag, values -> values[1]).tag("source", source)
                .description("Seconds the staging copy trails its source").baseUnit("seconds").register(registry);
        return lag;
    }
}
