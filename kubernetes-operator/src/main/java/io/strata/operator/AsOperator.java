package io.strata.operator;

import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.inject.Inject;

import io.strata.common.security.Caller;

/**
 * Runs a reconciler's work as the REST code expects a request to run: in a request context whose caller is the
 * Kubernetes operator (an admin: the cluster's RBAC has decided who may apply the resource).
 */
@ApplicationScoped
public class AsOperator {

    @Inject
    Caller caller;

    /** The work's answer, computed as the operator. */
    @ActivateRequestContext
    public <T> T call(Supplier<T> work) {
        caller.actAsKubernetesOperator();
        return work.get();
    }
}
