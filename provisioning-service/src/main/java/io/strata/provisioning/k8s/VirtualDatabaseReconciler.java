package io.strata.provisioning.k8s;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.inbound.SimpleInboundEventSource;
import io.quarkus.logging.Log;
import io.strata.common.errors.ApiException;
import io.strata.common.events.Correlation;
import io.strata.common.jobs.JobService;
import io.strata.contracts.jobs.JobView;
import io.strata.contracts.provisioning.VdbView;
import io.strata.engine.UserError;
import io.strata.kubernetes.v1alpha1.DataPoint;
import io.strata.kubernetes.v1alpha1.StatusConditions;
import io.strata.kubernetes.v1alpha1.StrataResources;
import io.strata.kubernetes.v1alpha1.VirtualDatabase;
import io.strata.kubernetes.v1alpha1.VirtualDatabaseSpec;
import io.strata.kubernetes.v1alpha1.VirtualDatabaseStatus;
import io.strata.operator.Labels;
import io.strata.operator.Specs;
import io.strata.operator.StatusReconciler;
import io.strata.provisioning.pods.PodWorkloads;
import io.strata.provisioning.vdb.CreateVdb;
import io.strata.provisioning.vdb.KubernetesEngines;
import io.strata.provisioning.vdb.Vdb;
import io.strata.provisioning.vdb.VdbChanged;
import io.strata.provisioning.vdb.VdbService;

/**
 * Converges a {@link VirtualDatabase} resource through the same {@link VdbService} as {@code POST /api/v1/vdbs}: the
 * first reconcile provisions (the virtual database remembers the resource, so a restart finds it again instead of
 * making another), later ones copy its state into the status and its credentials into a Secret, and deleting the
 * resource deletes the virtual database (clone, export, engine) before the finalizer lets it go.
 */
@ControllerConfiguration(name = "virtualdatabase", finalizerName = StrataResources.FINALIZER)
public class VirtualDatabaseReconciler extends StatusReconciler<VirtualDatabase, VirtualDatabaseStatus>
        implements
            Cleaner<VirtualDatabase> {

    /** States that last until someone acts: nothing to look at again for. */
    private static final Set<String> SETTLED = Set.of(Vdb.Status.RUNNING.name(), Vdb.Status.STOPPED.name(),
            Vdb.Status.FAILED.name());

    @Inject
    VdbService vdbs;

    @Inject
    KubernetesClient client;

    @Inject
    KubernetesEngines engines;

    @Inject
    JobService jobs;

    @Inject
    PodWorkloads workloads;

    /** Operations that ended on virtual databases of resources: their status is brought up to date at once. */
    private final SimpleInboundEventSource<VirtualDatabase> operationsEnded = new SimpleInboundEventSource<>(
            "vdb-operations");

    @Override
    public List<EventSource<?, VirtualDatabase>> prepareEventSources(EventSourceContext<VirtualDatabase> context) {
        return List.of(operationsEnded);
    }

    /**
     * A refresh, rewind, stop or start (by a VdbRefresh, a VdbRewind or REST) ended: the resource is reconciled
     * again, once the operation's outcome is committed.
     */
    void operationEnded(@Observes(during = TransactionPhase.AFTER_SUCCESS) VdbChanged changed) {
        if (!operatorConfig.operator()) {
            return;
        }
        String[] namespaceAndName = changed.managedBy().split("/", 2);
        try {
            operationsEnded.propagateEvent(new ResourceID(namespaceAndName[1], namespaceAndName[0]));
        } catch (RuntimeException e) {
            // The operator is not running yet: its first reconcile reads the state anyway.
            Log.debugf("VirtualDatabase %s: not told of %s: %s", changed.managedBy(), changed.vdbId(), e
                    .getMessage());
        }
    }

    /** The Secret holding a virtual database's connection and password. */
    static String secretName(VirtualDatabase resource) {
        return resource.getMetadata().getName() + "-credentials";
    }

    @Override
    protected VirtualDatabaseStatus newStatus() {
        return new VirtualDatabaseStatus();
    }

    @Override
    protected Duration converge(VirtualDatabase resource, VirtualDatabaseStatus status,
            StatusConditions conditions) {
        Optional<VdbView> existing = vdbs.managedBy(key(resource));
        if (existing.isEmpty()) {
            return provision(resource, status, conditions);
        }
        VdbView vdb = existing.get();
        describe(vdb, status, conditions);
        Duration moving = followFrom(resource, vdb, status, conditions);
        if (moving != null) {
            return moving;
        }
        Optional<String> podNamespace = engines.podNamespace(vdb.environment());
        if (podNamespace.isPresent()) {
            return convergeInPod(resource, vdb, podNamespace.get(), status, conditions);
        }
        if (Vdb.Status.RUNNING.name().equals(vdb.status())) {
            status.setCredentialsSecret(writeSecret(client, resource, vdb));
        }
        return SETTLED.contains(vdb.status()) ? null : operatorConfig.operatorPoll();
    }

    /**
     * A changed {@code spec.from} moves the virtual database there by a refresh, once per generation of the spec: the
     * job is started under the resource's uid and generation, so a restarted operator finds it instead of starting
     * another. While it runs, when to look again; {@code null} when there is nothing to move (or it cannot be).
     */
    private Duration followFrom(VirtualDatabase resource, VdbView vdb, VirtualDatabaseStatus status,
            StatusConditions conditions) {
        DataPoint wanted = resource.getSpec().getFrom();
        if (status.getFrom() == null || status.getFrom().equals(wanted)) {
            status.setFrom(wanted.copy());
            conditions.isTrue(StrataResources.SPEC_APPLIED, "Applied", "Its data follows spec.from.");
            return null;
        }
        String correlation = resource.getMetadata().getUid() + "/generation-" + resource.getMetadata()
                .getGeneration();
        Optional<JobView> moved = jobs.firstCorrelatedWith(correlation);
        if (moved.isEmpty()) {
            try {
                UUID job = Correlation.with(correlation, null,
                        () -> vdbs.moveTo(vdb.id(), request(resource).from()).id);
                Log.infof("VirtualDatabase %s: spec.from changed, refreshing (job %s)", key(resource), job);
                status.setJobId(job.toString());
                return operatorConfig.operatorPoll();
            } catch (ApiException e) {
                if (e.status() == 409) {
                    return operatorConfig.operatorPoll();
                }
                conditions.isFalse(StrataResources.SPEC_APPLIED, Specs.reason(e), "spec.from changed and cannot be "
                        + "applied: " + Specs.message(e));
                // What it names may not be known here yet (a snapshot just taken): look again later.
                return e.status() == 404 ? operatorConfig.notFoundRetry() : null;
            }
        }
        JobView job = moved.get();
        status.setJobId(job.id().toString());
        switch (job.state()) {
            case SUCCEEDED -> {
                status.setFrom(wanted.copy());
                conditions.isTrue(StrataResources.SPEC_APPLIED, "Applied", "spec.from changed; job " + job.id()
                        + " refreshed it.");
                return null;
            }
            case FAILED, CANCELED -> {
                conditions.isFalse(StrataResources.SPEC_APPLIED, "RefreshFailed", "spec.from changed; the refresh "
                        + "(job " + job.id() + ") failed: " + job.error() + " Change spec.from again to retry.");
                return null;
            }
            default -> {
                conditions.isFalse(StrataResources.SPEC_APPLIED, "Refreshing", "spec.from changed; job " + job.id()
                        + " is refreshing it.");
                return operatorConfig.operatorPoll();
            }
        }
    }

    /**
     * A virtual database in a pod: Provisioned once its objects are in place, Ready once its pod is (the kubelet's
     * word, through the StatefulSet's status); the Secret is the one made beside the pod when it is in this namespace.
     */
    private Duration convergeInPod(VirtualDatabase resource, VdbView vdb, String namespace,
            VirtualDatabaseStatus status, StatusConditions conditions) {
        String service = PodWorkloads.nameOf(vdb.name());
        status.setNamespace(namespace);
        status.setService(service);
        status.setClaim(vdb.connection() == null ? null : vdb.connection().path());
        boolean placed = Vdb.Status.RUNNING.name().equals(vdb.status());
        if (!placed) {
            conditions.isFalse(StrataResources.PROVISIONED, Specs.reasonOf(vdb.status()), "Virtual database "
                    + vdb.name() + " is " + vdb.status().toLowerCase(Locale.ROOT) + ".");
            return SETTLED.contains(vdb.status()) ? null : operatorConfig.operatorPoll();
        }
        int ready = workloads.readyPods(namespace, vdb.name());
        status.setReadyPods(ready);
        status.setCredentialsSecret(namespace.equals(resource.getMetadata().getNamespace())
                ? PodWorkloads.secretOf(vdb.name())
                : writeSecret(client, resource, vdb));
        conditions.isTrue(StrataResources.PROVISIONED, "InPlace", "Claim " + status.getClaim() + " on the clone, "
                + "StatefulSet and Service " + service + " and Secret " + PodWorkloads.secretOf(vdb.name())
                + " are in namespace " + namespace + ".");
        if (ready > 0) {
            return null;
        }
        conditions.isFalse(StrataResources.READY, "PodNotReady", "0 of 1 pods of StatefulSet " + namespace + "/"
                + service + " are ready; kubectl describe pod " + service + "-0 -n " + namespace + " says why.");
        return operatorConfig.podPoll();
    }

    /**
     * Starts provisioning; when to look again: soon while it provisions, slowly when what the spec names does not
     * exist yet (a source still being linked), never ({@code null}) when the spec was refused: a change of it comes as
     * an event.
     */
    private Duration provision(VirtualDatabase resource, VirtualDatabaseStatus status, StatusConditions conditions) {
        try {
            VdbService.Provisioning provisioning = vdbs.provision(request(resource), key(resource));
            Log.infof("VirtualDatabase %s: provisioning %s (job %s)", key(resource), provisioning.vdb().id,
                    provisioning.job().id);
            status.setId(provisioning.vdb().id);
            status.setFrom(resource.getSpec().getFrom().copy());
            status.setState(Vdb.Status.PROVISIONING.name());
            status.setJobId(provisioning.job().id.toString());
            conditions.isFalse(StrataResources.READY, "Provisioning", "Job " + provisioning.job().id
                    + " is provisioning virtual database " + provisioning.vdb().name + ".");
            return operatorConfig.operatorPoll();
        } catch (ApiException e) {
            conditions.isFalse(StrataResources.READY, Specs.reason(e), Specs.message(e));
            return e.status() == 404 ? operatorConfig.notFoundRetry() : null;
        } catch (UserError e) {
            conditions.isFalse(StrataResources.READY, "InvalidSpec", e.getMessage() + " " + e.action());
            return null;
        }
    }

    /** The REST request a spec stands for. */
    static CreateVdb request(VirtualDatabase resource) {
        VirtualDatabaseSpec spec = resource.getSpec();
        if (spec == null || spec.getFrom() == null) {
            throw ApiException.badRequest("from", "spec.from is required: {dataset}, {snapshot}, {bookmark} or "
                    + "{dataset, timestamp}.");
        }
        DataPoint from = spec.getFrom();
        Instant timestamp = Specs.instant(from.getTimestamp(), "from.timestamp");
        String name = spec.getName() != null ? spec.getName() : resource.getMetadata().getName();
        if (!name.matches(CreateVdb.NAME_PATTERN)) {
            throw ApiException.badRequest("name", "'" + name + "' cannot be a virtual database's name (1 to 63 "
                    + "lower-case letters, digits, '_' or '-'); set spec.name.");
        }
        Map<String, Object> parameters = spec.getParameters() == null
                ? null
                : new LinkedHashMap<>(spec
                        .getParameters());
        CreateVdb.Target target = spec.getPod() == null
                ? new CreateVdb.Target(spec.getEnvironment(), null)
                : new CreateVdb.Target(spec.getEnvironment(), Map.of("namespace", spec.getPod().getNamespace() != null
                        ? spec.getPod().getNamespace()
                        : resource.getMetadata().getNamespace()));
        return new CreateVdb(name, new CreateVdb.From(from.getDataset(), from.getSnapshot(), from.getBookmark(),
                timestamp), target, spec.getPort(), parameters,
                spec
                        .getHooks());
    }

    private static void describe(VdbView vdb, VirtualDatabaseStatus status, StatusConditions conditions) {
        status.setId(vdb.id());
        status.setState(vdb.status());
        status.setSnapshot(vdb.snapshot());
        if (vdb.connection() != null) {
            status.setHost(vdb.connection().host());
            status.setPort(vdb.connection().port());
            status.setDatabase(vdb.connection().database());
        }
        switch (Vdb.Status.valueOf(vdb.status())) {
            case RUNNING -> conditions.isTrue(StrataResources.READY, "Running", "Virtual database " + vdb.name()
                    + " accepts connections at " + status.getHost() + ":" + status.getPort() + ".");
            case FAILED -> conditions.isFalse(StrataResources.READY, "Failed", vdb.error() == null
                    ? "Virtual database " + vdb.name() + " failed."
                    : vdb.error());
            case STOPPED -> conditions.isFalse(StrataResources.READY, "Stopped", "Virtual database " + vdb.name()
                    + " is stopped; POST /api/v1/vdbs/" + vdb.id() + "/start starts it.");
            default -> conditions.isFalse(StrataResources.READY, Specs.reasonOf(vdb.status()), "Virtual database "
                    + vdb.name() + " is " + vdb.status().toLowerCase(Locale.ROOT) + ".");
        }
    }

    /** Writes the credentials Secret when it is missing or different; its name. */
    private String writeSecret(KubernetesClient client, VirtualDatabase resource, VdbView vdb) {
        Map<String, String> credentials = vdbs.credentials(vdb.id());
        Map<String, String> data = PodWorkloads.credentials(vdb.connection().host(), vdb.connection().port(), vdb
                .connection().database(), credentials.get("user"), credentials.get("password"));
        String namespace = resource.getMetadata().getNamespace();
        Secret current = client.secrets().inNamespace(namespace).withName(secretName(resource)).get();
        if (current == null || !data.equals(current.getStringData() != null
                ? current.getStringData()
                : decoded(current.getData()))) {
            Secret secret = new SecretBuilder().withNewMetadata().withName(secretName(resource)).withNamespace(
                    namespace).addToLabels(Labels.of(resource)).addToOwnerReferences(Labels.ownerReference(resource))
                    .endMetadata().withType("Opaque").withStringData(data).build();
            client.secrets().inNamespace(namespace).resource(secret).createOr(edit -> edit.update());
        }
        return secretName(resource);
    }

    private static Map<String, String> decoded(Map<String, String> data) {
        Map<String, String> decoded = new LinkedHashMap<>();
        if (data != null) {
            data.forEach((key, value) -> decoded.put(key, new String(Base64.getDecoder().decode(value),
                    StandardCharsets.UTF_8)));
        }
        return decoded;
    }

    @Override
    public DeleteControl cleanup(VirtualDatabase resource, Context<VirtualDatabase> context) {
        return asOperator.call(() -> release(resource, context));
    }

    private DeleteControl release(VirtualDatabase resource, Context<VirtualDatabase> context) {
        Optional<VdbView> existing = vdbs.managedBy(key(resource));
        if (existing.isEmpty()) {
            context.getClient().secrets().inNamespace(resource.getMetadata().getNamespace()).withName(secretName(
                    resource)).delete();
            Log.infof("VirtualDatabase %s: its virtual database is gone", key(resource));
            return DeleteControl.defaultDelete();
        }
        VdbView vdb = existing.get();
        if (!Vdb.Status.DELETING.name().equals(vdb.status())) {
            try {
                Log.infof("VirtualDatabase %s: deleting %s (job %s)", key(resource), vdb.id(),
                        vdbs.delete(vdb.id()).id);
            } catch (ApiException e) {
                // Busy (an operation runs on it): try again once it ends.
                Log.debugf("VirtualDatabase %s: not deleted yet: %s", key(resource), e.getMessage());
            }
        }
        return DeleteControl.noFinalizerRemoval().rescheduleAfter(operatorConfig.operatorPoll().toMillis());
    }
}
