package io.strata.catalog.k8s;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import jakarta.inject.Inject;

import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.quarkus.logging.Log;
import io.strata.catalog.datapods.DataPodService;
import io.strata.catalog.datapods.DataPodViews.ChangeDataPod;
import io.strata.catalog.datapods.DataPodViews.CreateDataPod;
import io.strata.catalog.datapods.DataPodViews.DataPodView;
import io.strata.common.errors.ApiException;
import io.strata.kubernetes.v1alpha1.DataPod;
import io.strata.kubernetes.v1alpha1.DataPodSpec;
import io.strata.kubernetes.v1alpha1.DataPodStatus;
import io.strata.kubernetes.v1alpha1.StatusConditions;
import io.strata.kubernetes.v1alpha1.StrataResources;
import io.strata.operator.Specs;
import io.strata.operator.StatusReconciler;

/**
 * Converges a {@link DataPod} resource through the same {@link DataPodService} as {@code POST /api/v1/datapods}: the
 * first reconcile creates the pod (which remembers the resource, so a restart finds it again), later ones copy its
 * state and virtual databases into the status and apply changes of {@code expiresAt} and {@code protected}; deleting
 * the resource deletes the pod and all its virtual databases before the finalizer lets it go.
 */
@ControllerConfiguration(name = "datapod", finalizerName = StrataResources.FINALIZER)
public class DataPodReconciler extends StatusReconciler<DataPod, DataPodStatus> implements Cleaner<DataPod> {

    /** States that last until someone acts: nothing to look at again for. */
    private static final Set<String> SETTLED = Set.of("READY", "STOPPED", "FAILED");

    @Inject
    DataPodService pods;

    @Override
    protected DataPodStatus newStatus() {
        return new DataPodStatus();
    }

    @Override
    protected Duration converge(DataPod resource, DataPodStatus status, StatusConditions conditions) {
        try {
            Optional<DataPodView> existing = pods.managedBy(key(resource));
            if (existing.isEmpty()) {
                io.strata.catalog.datapods.DataPod pod = pods.create(request(resource), key(resource));
                Log.infof("DataPod %s: creating %s (job %s)", key(resource), pod.id, pod.jobId);
                status.setId(pod.id);
                status.setState(pod.status.name());
                status.setJobId(pod.jobId.toString());
                conditions.isFalse(StrataResources.READY, "Creating", "Job " + pod.jobId + " is making data pod "
                        + pod.name + "'s virtual databases.");
                return operatorConfig.operatorPoll();
            }
            DataPodView pod = applyChanges(resource.getSpec(), existing.get());
            describe(pod, status, conditions);
            return SETTLED.contains(pod.status()) ? null : operatorConfig.operatorPoll();
        } catch (ApiException e) {
            conditions.isFalse(StrataResources.READY, Specs.reason(e), Specs.message(e));
            // What the spec names may come later (a template, a shared bookmark): look again, slowly.
            return e.status() == 404 || "template".equals(e.field()) || "fromBookmark".equals(e.field())
                    ? operatorConfig.notFoundRetry()
                    : null;
        }
    }

    /** The REST request a spec stands for. */
    static CreateDataPod request(DataPod resource) {
        DataPodSpec spec = resource.getSpec() == null ? new DataPodSpec() : resource.getSpec();
        String name = spec.getName() != null ? spec.getName() : resource.getMetadata().getName();
        if (!name.matches(CreateDataPod.NAME_PATTERN)) {
            throw ApiException.badRequest("name", "'" + name + "' cannot be a data pod's name (1 to 40 lower-case "
                    + "letters, digits, '_' or '-'); set spec.name.");
        }
        return new CreateDataPod(name, spec.getTemplate(), spec.getFromBookmark(), spec.getOwners(), Specs.instant(
                spec.getExpiresAt(), "expiresAt"), spec.getProtect());
    }

    /** Applies a changed expiresAt or protected of the spec to the pod; the pod as it is then. */
    private DataPodView applyChanges(DataPodSpec spec, DataPodView pod) {
        Instant expiresAt = Specs.instant(spec.getExpiresAt(), "expiresAt");
        boolean expiryChanged = !Objects.equals(expiresAt, pod.expiresAt());
        boolean protectionChanged = spec.getProtect() != null && spec.getProtect() != pod.protect();
        if (!expiryChanged && !protectionChanged) {
            return pod;
        }
        Log.infof("DataPod %s: expiresAt %s, protected %s", pod.name(), expiresAt, spec.getProtect());
        return pods.change(pod.id(), new ChangeDataPod(expiryChanged, expiresAt, protectionChanged
                ? spec.getProtect()
                : null));
    }

    private static void describe(DataPodView pod, DataPodStatus status, StatusConditions conditions) {
        status.setId(pod.id());
        status.setState(pod.status());
        status.setActiveBranch(pod.activeBranch());
        status.setJobId(pod.jobId() == null ? null : pod.jobId().toString());
        status.setVirtualDatabases(pod.vdbs().stream().map(member -> new DataPodStatus.Member(member.dataset(),
                member.vdbId(), member.vdbName())).toList());
        switch (pod.status()) {
            case "READY" -> conditions.isTrue(StrataResources.READY, "Ready", "Data pod " + pod.name() + ": "
                    + pod.vdbs().size() + " virtual databases running, branch " + pod.activeBranch() + ".");
            case "FAILED" -> conditions.isFalse(StrataResources.READY, "Failed", pod.error() == null
                    ? "Data pod " + pod.name() + " failed."
                    : pod.error());
            case "STOPPED" -> conditions.isFalse(StrataResources.READY, "Stopped", "Data pod " + pod.name()
                    + " is stopped; POST /api/v1/datapods/" + pod.id() + "/start starts it.");
            default -> conditions.isFalse(StrataResources.READY, Specs.reasonOf(pod.status()), "Data pod "
                    + pod.name() + " is " + pod.status().toLowerCase(Locale.ROOT) + " (job " + pod.jobId() + ").");
        }
    }

    @Override
    public DeleteControl cleanup(DataPod resource, Context<DataPod> context) {
        return asOperator.call(() -> release(resource));
    }

    private DeleteControl release(DataPod resource) {
        Optional<DataPodView> existing = pods.managedBy(key(resource));
        if (existing.isEmpty()) {
            Log.infof("DataPod %s: its data pod is gone", key(resource));
            return DeleteControl.defaultDelete();
        }
        if (!"DELETING".equals(existing.get().status())) {
            try {
                Log.infof("DataPod %s: deleting %s (job %s)", key(resource), existing.get().id(), pods.delete(
                        existing.get().id()).job().id);
            } catch (ApiException e) {
                // Busy, or protected until spec.protected is false: the resource stays until then.
                Log.infof("DataPod %s: not deleted yet: %s", key(resource), e.getMessage());
                return DeleteControl.noFinalizerRemoval().rescheduleAfter(operatorConfig.notFoundRetry().toMillis());
            }
        }
        return DeleteControl.noFinalizerRemoval().rescheduleAfter(operatorConfig.operatorPoll().toMillis());
    }
}
