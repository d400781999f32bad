package io.strata.operator;

import java.time.Duration;

import jakarta.inject.Inject;

import io.fabric8.kubernetes.client.CustomResource;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.quarkus.logging.Log;
import io.strata.kubernetes.v1alpha1.StatusConditions;
import io.strata.kubernetes.v1alpha1.StrataResources;
import io.strata.kubernetes.v1alpha1.StrataStatus;

/**
 * A reconciler that converges a resource as the operator and writes its status only when it changed: a reconcile
 * that finds nothing new patches nothing. Subclasses say what converging means and when to look again.
 *
 * @param <R> the resource
 * @param <S> its status
 */
public abstract class StatusReconciler<R extends CustomResource<?, S>, S extends StrataStatus>
        implements
            Reconciler<R> {

    /** Runs the service code as the operator: {@link #reconcile} does, and a subclass's cleanup should. */
    @Inject
    protected AsOperator asOperator;

    @Inject
    protected OperatorConfig operatorConfig;

    /** An empty status, for a resource that has none yet. */
    protected abstract S newStatus();

    /**
     * Does what the resource asks, as the operator, and describes the outcome in its status and conditions.
     *
     * @return when to look again, or {@code null} when nothing is under way
     */
    protected abstract Duration converge(R resource, S status, StatusConditions conditions);

    /** The resource's key, as the Strata objects made for it remember it: {@code namespace/name}. */
    public static String key(CustomResource<?, ?> resource) {
        return resource.getMetadata().getNamespace() + "/" + resource.getMetadata().getName();
    }

    @Override
    public UpdateControl<R> reconcile(R resource, Context<R> context) {
        S status = resource.getStatus() == null ? newStatus() : resource.getStatus();
        String before = context.getClient().getKubernetesSerialization().asJson(status);
        StatusConditions conditions = StatusConditions.from(status, resource.getMetadata().getGeneration());
        Duration again = asOperator.call(() -> converge(resource, status, conditions));
        conditions.applyTo(status);
        resource.setStatus(status);
        boolean changed = !before.equals(context.getClient().getKubernetesSerialization().asJson(status));
        if (!changed && again == null) {
            Log.infof("%s %s: unchanged", resource.getKind(), key(resource));
        }
        UpdateControl<R> control = changed ? UpdateControl.patchStatus(resource) : UpdateControl.noUpdate();
        return again == null ? control : control.rescheduleAfter(again);
    }

    /** The condition that says a reconcile failed: Ready, or Complete for an action. */
    protected String failureCondition() {
        return StrataResources.READY;
    }

    @Override
    public ErrorStatusUpdateControl<R> updateErrorStatus(R resource, Context<R> context, Exception e) {
        S status = resource.getStatus() == null ? newStatus() : resource.getStatus();
        StatusConditions.from(status, resource.getMetadata().getGeneration()).isFalse(failureCondition(), "Error",
                "Reconciling failed: " + e.getMessage() + "; it is retried.").applyTo(status);
        resource.setStatus(status);
        return ErrorStatusUpdateControl.patchStatus(resource);
    }
}
