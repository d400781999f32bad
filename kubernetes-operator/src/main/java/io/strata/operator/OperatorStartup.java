package io.strata.operator;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.javaoperatorsdk.operator.Operator;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;

/**
 * Starts the operator when {@code strata.kubernetes.operator} says a cluster is there; the extension's
 * own start is off, so that without a cluster the service runs as it always has.
 */
@Singleton
public class OperatorStartup {

    @Inject
    OperatorConfig config;

    @Inject
    Operator operator;

    void onStart(@Observes StartupEvent event) {
        if (!config.operator()) {
            Log.debug("No Kubernetes operator: strata.kubernetes.operator is false");
            return;
        }
        Log.infof("Starting the Kubernetes operator (%d controllers, %s)", operator.getRegisteredControllersNumber(),
                operator.getRegisteredControllers().stream().map(controller -> controller.getConfiguration().getName())
                        .toList());
        operator.start();
    }
}
