package io.strata.snapshot.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.strata.common.errors.Errors;
import io.strata.snapshot.nfs.NfsServer;
import io.strata.snapshot.pool.Pool;
import io.strata.snapshot.pool.PoolUsage;

/** Readiness: the pool is open (with how full it is), and NFS-Ganesha runs when exports exist. */
@Readiness
@ApplicationScoped
public class PoolReadiness implements HealthCheck {

    @Inject
    Pool pool;

    @Inject
    NfsServer nfs;

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("pool").withData("path", pool.root().toString());
        if (!pool.isOpen()) {
            return response.withData("problem", pool.problem()).down().build();
        }
        try {
            PoolUsage usage = pool.usage();
            response.withData("driver", pool.driver().name()).withData("usedPercent", String.format("%.1f", usage
                    .usedPercent()));
        } catch (RuntimeException e) {
            return response.withData("problem", "cannot read the pool's usage: " + Errors.rootMessage(e)).down()
                    .build();
        }
        if (nfs.enabled() && nfs.runningPid() != null && !nfs.answers()) {
            return response.withData("problem", "NFS-Ganesha runs but does not answer on port " + nfs.port()).down()
                    .build();
        }
        return response.up().build();
    }
}
