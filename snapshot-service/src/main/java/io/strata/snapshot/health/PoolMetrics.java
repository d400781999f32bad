package io.strata.snapshot.health;

import java.util.function.ToLongFunction;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.strata.snapshot.pool.Pool;
import io.strata.snapshot.pool.PoolUsage;

/**
 * The pool's space as gauges an operator watches: {@code strata.pool.capacity.bytes}, {@code strata.pool.used.bytes}
 * and {@code strata.pool.free.bytes} (from the pool's own cached figures; NaN while the pool is not ready).
 */
@ApplicationScoped
public class PoolMetrics {

    @Inject
    Pool pool;

    @Inject
    MeterRegistry registry;

    void register(@Observes StartupEvent start) {
        gauge("strata.pool.capacity.bytes", "The pool's size", PoolUsage::capacity);
        gauge("strata.pool.used.bytes", "Bytes the pool holds", PoolUsage::used);
        gauge("strata.pool.free.bytes", "Bytes still free in the pool", PoolUsage::free);
    }

    private void gauge(String name, String description, ToLongFunction<PoolUsage> figure) {
        Gauge.builder(name, pool, current -> {
            try {
                return figure.applyAsLong(current.usage());
            } catch (RuntimeException e) {
                return Double.NaN;
            }
        }).description(description).baseUnit("bytes").register(registry);
    }
}
