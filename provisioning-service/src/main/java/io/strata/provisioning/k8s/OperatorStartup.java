package io.strata.provisioning.k8s;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.javaoperatorsdk.operator.Operator;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.strata.provisioning.config.ProvisioningConfig;

/**
 * Starts the operator when {@code strata.provisioning.kubernetes.operator} says a cluster is there; the extension's
 * own start is off, so that without a cluster the service runs as it always has.
 */
@Singleton
public class OperatorStartup {

    @Inject
    ProvisioningConfig config;

    @Inject
    Operator operator;

    void onStart(@Observes StartupEvent event) {
        if (!config.kubernetes().operator()) {
            Log.debug("No Kubernetes operator: strata.provisioning.kubernetes.operator is false");
            return;
        }
        Log.infof("Starting the Kubernetes operator (%d controllers)", operator.getRegisteredControllersNumber());
        operator.start();
    }
}
