package io.strata.operator;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** A service's Kubernetes operator: whether it runs, and how closely it follows work under way. */
@ConfigMapping(prefix = "strata.kubernetes")
public interface OperatorConfig {

    /**
     * Whether the service's operator runs: it needs a cluster (the kubeconfig, or {@code quarkus.kubernetes-client.*})
     * where Strata's CRDs are installed. Without it the service runs as it always has.
     */
    @WithDefault("false")
    boolean operator();

    /** How often a resource whose work is under way (provisioning, a job running, a deletion) is looked at again. */
    @WithDefault("500ms")
    Duration operatorPoll();

    /**
     * How often a resource whose object changes by itself (a source's syncs, a masked dataset's maskings) is looked at
     * again, to bring its status up to date; a look that finds nothing new writes nothing.
     */
    @WithDefault("30s")
    Duration statusRefresh();

    /** How often a resource that names something missing (a source still being linked) is tried again. */
    @WithDefault("10s")
    Duration notFoundRetry();

    /** How often a resource waiting for a pod it made to become ready (a virtual database in a pod) is looked at. */
    @WithDefault("5s")
    Duration podPoll();
}
