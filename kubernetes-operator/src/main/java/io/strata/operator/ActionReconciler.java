package io.strata.operator;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import jakarta.inject.Inject;

import io.fabric8.kubernetes.client.CustomResource;
import io.quarkus.logging.Log;
import io.strata.common.errors.ApiException;
import io.strata.common.events.Correlation;
import io.strata.common.jobs.JobService;
import io.strata.contracts.jobs.JobState;
import io.strata.contracts.jobs.JobView;
import io.strata.kubernetes.v1alpha1.ActionStatus;
import io.strata.kubernetes.v1alpha1.StatusConditions;
import io.strata.kubernetes.v1alpha1.StrataResources;

/**
 * Runs a one-shot action resource once: its job is started under the resource's uid as correlation id, so a restart
 * finds the job again rather than running the action twice; then the job's outcome is copied into the status
 * (condition {@code Complete}). A target that is busy is waited for; one that does not exist yet is looked for again.
 *
 * @param <S> the action's spec
 * @param <R> the action resource
 */
public abstract class ActionReconciler<S, R extends CustomResource<S, ActionStatus>>
        extends
            StatusReconciler<R, ActionStatus> {

    @Inject
    JobService jobs;

    /** The resource the action names, for messages, e.g. {@code VirtualDatabase qa/orders}. */
    protected abstract String targetName(R resource);

    /** The Strata id of what the action acts on, or empty while the resource it names has none. */
    protected abstract Optional<String> target(R resource);

    /**
     * Starts the action on its target (a Strata id); the job's id. What the action makes besides the job (a snapshot's
     * id) goes into the status.
     */
    protected abstract UUID start(String targetId, S spec, ActionStatus status);

    /** What the action is called in messages, e.g. "refresh". */
    protected abstract String verb();

    @Override
    protected String failureCondition() {
        return StrataResources.COMPLETE;
    }

    @Override
    protected ActionStatus newStatus() {
        return new ActionStatus();
    }

    /** Starts the job if it was not, then reads it; when to look again ({@code null}: it is over). */
    @Override
    protected Duration converge(R resource, ActionStatus status, StatusConditions conditions) {
        if (status.getJobId() == null) {
            Optional<JobView> earlier = jobs.firstCorrelatedWith(resource.getMetadata().getUid());
            if (earlier.isPresent()) {
                status.setJobId(earlier.get().id().toString());
            } else {
                Duration wait = begin(resource, status, conditions);
                if (status.getJobId() == null) {
                    return wait;
                }
            }
        }
        JobView job = jobs.get(UUID.fromString(status.getJobId()));
        status.setJobState(job.state().name());
        String what = "The " + verb() + " of " + targetName(resource) + " (job " + job.id() + ")";
        switch (job.state()) {
            case SUCCEEDED -> conditions.isTrue(StrataResources.COMPLETE, "Succeeded", what + " succeeded.");
            case FAILED, CANCELED -> conditions.isFalse(StrataResources.COMPLETE, job.state() == JobState.FAILED
                    ? "Failed"
                    : "Canceled",
                    what + " " + job.state().name().toLowerCase(Locale.ROOT) + (job.error() == null
                            ? "."
                            : ": " + job.error()));
            default -> {
                conditions.isUnknown(StrataResources.COMPLETE, "Running", what + " is " + (job.step() == null
                        ? "waiting to start."
                        : "at: " + job.step() + "."));
                return operatorConfig.operatorPoll();
            }
        }
        return null;
    }

    /** Starts the action; when to try again if it could not start ({@code null}: never, it was refused). */
    private Duration begin(R resource, ActionStatus status, StatusConditions conditions) {
        Optional<String> target = target(resource);
        if (target.isEmpty()) {
            conditions.isFalse(StrataResources.COMPLETE, "NotFound", "There is no " + targetName(resource)
                    + " made by Strata (yet); the spec names a resource of this namespace.");
            return operatorConfig.notFoundRetry();
        }
        status.setTarget(target.get());
        try {
            UUID job = Correlation.with(resource.getMetadata().getUid(), null, () -> start(target.get(), resource
                    .getSpec(), status));
            Log.infof("%s %s/%s: job %s", verb(), resource.getMetadata().getNamespace(), resource.getMetadata()
                    .getName(), job);
            status.setJobId(job.toString());
            return null;
        } catch (ApiException e) {
            if (e.status() == 409) {
                // Busy: another operation runs on it; the action waits its turn.
                conditions.isUnknown(StrataResources.COMPLETE, "Waiting", e.getMessage());
                return operatorConfig.operatorPoll();
            }
            conditions.isFalse(StrataResources.COMPLETE, Specs.reason(e), Specs.message(e));
            return null;
        }
    }
}
