package io.strata.common.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.strata.common.events.OutboxRelay;

/** Readiness: the Kafka broker answers. Shows how many events wait in the outbox. */
@Readiness
@ApplicationScoped
public class BrokerReadiness implements HealthCheck {

    @Inject
    BrokerMonitor broker;

    @Inject
    OutboxRelay relay;

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("broker").withData("bootstrapServers", broker.bootstrapServers())
                .withData("outboxPending", relay.pendingCount()).withData("since", broker.since().toString());
        if (broker.isReachable()) {
            return response.up().build();
        }
        return response.withData("problem", broker.problem()).down().build();
    }
}
