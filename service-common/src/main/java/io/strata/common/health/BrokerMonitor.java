package io.strata.common.health;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.strata.common.config.StrataServiceConfig;
import io.strata.common.errors.Errors;

/**
 * Knows whether the Kafka broker answers. A probe thread asks the cluster for its nodes (every 2 s while the broker
 * is unreachable, every {@code strata.events.broker-probe-interval} while it answers), and the relay and consumer
 * report what they see. Each change is logged once, in one line naming the bootstrap servers.
 */
@ApplicationScoped
public class BrokerMonitor {

    private static final Duration DOWN_PROBE_INTERVAL = Duration.ofSeconds(2);

    @Inject
    StrataServiceConfig config;

    private volatile Boolean reachable;
    private volatile String problem = "not probed yet";
    private volatile Instant since = Instant.now();
    private volatile boolean stopping;
    private Thread probe;

    void onStart(@Observes StartupEvent event) {
        probe = new Thread(this::probeLoop, "broker-monitor");
        probe.setDaemon(true);
        probe.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        stopping = true;
        if (probe != null) {
            probe.interrupt();
        }
    }

    /** Whether the broker answered the last time anyone asked. */
    public boolean isReachable() {
        return Boolean.TRUE.equals(reachable);
    }

    /** Why the broker is considered unreachable, or {@code null}. */
    public String problem() {
        return isReachable() ? null : problem;
    }

    /** Since when the current state holds. */
    public Instant since() {
        return since;
    }

    /** The bootstrap servers this service uses. */
    public String bootstrapServers() {
        return config.events().bootstrapServers();
    }

    /** Reports a successful exchange with the broker. */
    public void reportReachable() {
        if (!Boolean.TRUE.equals(reachable)) {
            if (reachable != null) {
                Log.infof("Kafka broker at %s answers again.", bootstrapServers());
            }
            reachable = true;
            problem = null;
            since = Instant.now();
        }
    }

    /** Reports a failed exchange with the broker. */
    public void reportUnreachable(String why) {
        String oneLine = why == null ? "no answer" : why.replaceAll("\\s+", " ").trim();
        if (!Boolean.FALSE.equals(reachable)) {
            Log.errorf("Cannot reach Kafka broker at %s: %s. Events wait in the outbox and are retried; "
                    + "readiness is DOWN until it answers.", bootstrapServers(), oneLine);
            since = Instant.now();
        }
        reachable = false;
        problem = "Cannot reach Kafka broker at " + bootstrapServers() + ": " + oneLine;
    }

    private void probeLoop() {
        Properties properties = new Properties();
        properties.putAll(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 2000,
                AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000,
                AdminClientConfig.CLIENT_ID_CONFIG, config.service().name() + "-broker-monitor"));
        try (Admin admin = Admin.create(properties)) {
            while (!stopping) {
                try {
                    admin.describeCluster(new DescribeClusterOptions().timeoutMs(2000)).nodes().get(3,
                            TimeUnit.SECONDS);
                    reportReachable();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (Exception e) {
                    reportUnreachable(Errors.rootMessage(e));
                }
                try {
                    Thread.sleep((isReachable() ? config.events().brokerProbeInterval() : DOWN_PROBE_INTERVAL)
                            .toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        } catch (RuntimeException e) {
            reportUnreachable(Errors.rootMessage(e));
        }
    }
}
