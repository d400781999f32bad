package io.strata.operator;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.RegisteredController;

/**
 * Readiness of the service's operator, in place of the extension's own check (which is down whenever the operator is
 * not started, and so would keep a service without a cluster from ever being ready): up when the operator is off, and
 * when it runs, up once every controller's informers are healthy, naming those that are not.
 */
@Readiness
@ApplicationScoped
public class OperatorReadiness implements HealthCheck {

    @Inject
    OperatorConfig config;

    @Inject
    Operator operator;

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("kubernetes-operator");
        if (!config.operator()) {
            return response.withData("operator", "off (strata.kubernetes.operator is false)").up().build();
        }
        if (!operator.getRuntimeInfo().isStarted()) {
            return response.withData("operator", "starting").down().build();
        }
        boolean healthy = true;
        for (RegisteredController<?> controller : operator.getRuntimeInfo().getRegisteredControllers()) {
            var unhealthy = controller.getControllerHealthInfo().unhealthyEventSources();
            String name = controller.getConfiguration().getName();
            response.withData(name, unhealthy.isEmpty()
                    ? "OK"
                    : "unhealthy: " + String.join(", ", unhealthy
                            .keySet()));
            healthy &= unhealthy.isEmpty();
        }
        return response.status(healthy).build();
    }
}
