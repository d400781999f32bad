package io.strata.ingest.k8s;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import jakarta.inject.Inject;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.quarkus.logging.Log;
import io.strata.common.errors.ApiException;
import io.strata.contracts.ingest.EnvironmentView;
import io.strata.contracts.ingest.SourceView;
import io.strata.engine.UserError;
import io.strata.ingest.environment.EnvironmentService;
import io.strata.ingest.source.LinkSource;
import io.strata.ingest.source.SourceCredentials;
import io.strata.ingest.source.SourceService;
import io.strata.kubernetes.v1alpha1.Environment;
import io.strata.kubernetes.v1alpha1.Source;
import io.strata.kubernetes.v1alpha1.SourceConnection;
import io.strata.kubernetes.v1alpha1.SourceSpec;
import io.strata.kubernetes.v1alpha1.SourceStaging;
import io.strata.kubernetes.v1alpha1.SourceStatus;
import io.strata.kubernetes.v1alpha1.StatusConditions;
import io.strata.kubernetes.v1alpha1.StrataResources;
import io.strata.operator.SecretValues;
import io.strata.operator.Specs;
import io.strata.operator.StatusReconciler;

/**
 * Converges a {@link Source} resource through the same {@link SourceService} as {@code POST /api/v1/sources}: the
 * first reconcile links it (the connection's password read from the Secret the spec names; the source checked
 * completely before anything is made), the source remembers the resource, so a restart finds it again; later
 * reconciles copy its state and last sync into the status and apply a change of {@code sensitive} or
 * {@code syncPolicy}. Deleting the
 * resource deletes the source (staging copy, replication slot, unused snapshots) before the finalizer lets it go.
 */
@ControllerConfiguration(name = "source", finalizerName = StrataResources.FINALIZER)
public class SourceReconciler extends StatusReconciler<Source, SourceStatus> implements Cleaner<Source> {

    /** The fields of the spec a linked source takes a change of. */
    private static final String[] CHANGEABLE = {"sensitive", "syncPolicy"};

    @Inject
    SourceService sources;

    @Inject
    EnvironmentService environments;

    @Inject
    KubernetesClient client;

    @Inject
    SourceCredentials credentials;

    @Override
    protected SourceStatus newStatus() {
        return new SourceStatus();
    }

    @Override
    protected Duration converge(Source resource, SourceStatus status, StatusConditions conditions) {
        String digest = Specs.digest(resource.getSpec(), CHANGEABLE);
        try {
            Optional<SourceView> existing = sources.managedBy(key(resource));
            if (existing.isEmpty()) {
                return link(resource, status, conditions, digest);
            }
            SourceView source = applyChanges(resource, existing.get());
            describe(source, status, conditions);
            if (Specs.fixedPartChanged(status.getSpecDigest(), digest, conditions, "Source " + key(resource),
                    "only spec.sensitive and spec.syncPolicy can change once a source is linked", "source")) {
                return null;
            }
            status.setSpecDigest(digest);
            followSecret(resource, source, status, conditions);
            return "LINKING".equals(source.state()) ? operatorConfig.operatorPoll() : operatorConfig.statusRefresh();
        } catch (ApiException e) {
            conditions.isFalse(StrataResources.READY, Specs.reason(e), Specs.message(e));
            // What the spec names may come later (a Secret, an Environment): look again; a refused spec waits for
            // a change of it.
            return e.status() == 404 ? operatorConfig.notFoundRetry() : null;
        }
    }

    /** Applies a changed sensitive or syncPolicy of the spec to a linked source; the source as it is then. */
    private SourceView applyChanges(Source resource, SourceView linked) {
        SourceSpec spec = resource.getSpec() == null ? new SourceSpec() : resource.getSpec();
        SourceView source = linked;
        if ("LINKING".equals(source.state()) || "DELETING".equals(source.state())) {
            return source;
        }
        if (spec.getSensitive() != null && spec.getSensitive() != source.sensitive()) {
            Log.infof("Source %s: sensitive %s", key(resource), spec.getSensitive());
            source = sources.setSensitive(source.id(), spec.getSensitive());
        }
        String cron = spec.getSyncPolicy() == null || spec.getSyncPolicy().getCron() == null
                ? null
                : spec.getSyncPolicy().getCron().strip();
        if (!Objects.equals(cron, source.syncPolicy())) {
            source = sources.setSyncPolicy(source.id(), cron);
        }
        return source;
    }

    /**
     * Hands a new value of the password's Secret to a linked source (as {@code PUT /api/v1/sources/{id}/credentials});
     * a refused one is said in Ready, and tried again at the next look.
     */
    private void followSecret(Source resource, SourceView source, SourceStatus status, StatusConditions conditions) {
        SecretValues.Versioned password = password(resource);
        if (password == null || !"ACTIVE".equals(source.state()) && !"DISABLED".equals(source.state())) {
            return;
        }
        if (status.getCredentialsVersion() != null && !status.getCredentialsVersion().equals(password.version())) {
            try {
                credentials.change(source.id(), Map.of("connection", Map.of("password", password.value())));
                Log.infof("Source %s: password of Secret version %s taken", key(resource), password.version());
            } catch (ApiException e) {
                conditions.isFalse(StrataResources.READY, "CredentialsRefused", "The Secret's new password was "
                        + "refused, and Strata keeps the earlier one: " + Specs.message(e));
                return;
            }
        }
        status.setCredentialsVersion(password.version());
    }

    /** The password the spec's connection names in a Secret, with the Secret's version; {@code null} for none. */
    private SecretValues.Versioned password(Source resource) {
        SourceSpec spec = resource.getSpec() == null ? new SourceSpec() : resource.getSpec();
        return spec.getConnection() == null
                ? null
                : SecretValues.readVersioned(client, resource.getMetadata().getNamespace(), spec.getConnection()
                        .getPasswordSecret(), "connection.passwordSecret");
    }

    private Duration link(Source resource, SourceStatus status, StatusConditions conditions, String digest) {
        String namespace = resource.getMetadata().getNamespace();
        SourceSpec spec = resource.getSpec() == null ? new SourceSpec() : resource.getSpec();
        SecretValues.Versioned password = password(resource);
        LinkSource request = request(resource, password == null ? null : password.value(),
                environmentOf(namespace, spec.getEnvironment(),
                        "environment"),
                spec.getStaging() == null
                        ? null
                        : environmentOf(namespace, spec.getStaging().getEnvironment(), "staging.environment"));
        try {
            SourceService.Linking linking = sources.link(request, null, key(resource));
            Log.infof("Source %s: linking %s (job %s)", key(resource), linking.source().id, linking.job().id);
            status.setId(linking.source().id);
            status.setState("LINKING");
            status.setJobId(linking.job().id.toString());
            status.setSpecDigest(digest);
            status.setCredentialsVersion(password == null ? null : password.version());
            conditions.isFalse(StrataResources.READY, "Linking", "Job " + linking.job().id + " is linking source "
                    + linking.source().name + ".");
            return operatorConfig.operatorPoll();
        } catch (UserError e) {
            conditions.isFalse(StrataResources.READY, "InvalidSpec", e.describe());
            return null;
        }
    }

    /**
     * The Strata environment a spec names: an Environment resource of the namespace (its environment's id once it is
     * registered; 404 until then, so the source is linked after it), or else a Strata environment's id or name.
     */
    private String environmentOf(String namespace, String name, String field) {
        if (name == null) {
            return null;
        }
        Optional<EnvironmentView> managed = environments.managedBy(namespace + "/" + name);
        if (managed.isPresent()) {
            return managed.get().id();
        }
        if (client.resources(Environment.class).inNamespace(namespace).withName(name).get() != null) {
            throw new ApiException(404, "Environment " + namespace + "/" + name + " is not registered yet; the "
                    + "source is linked once it is Ready.", field);
        }
        return name;
    }

    /** The REST request a spec stands for, with the password read from its Secret and the environments resolved. */
    static LinkSource request(Source resource, String password, String environment, String stagingEnvironment) {
        SourceSpec spec = resource.getSpec() == null ? new SourceSpec() : resource.getSpec();
        Map<String, Object> parameters = new LinkedHashMap<>();
        SourceConnection connection = spec.getConnection();
        if (connection != null) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("host", connection.getHost());
            if (connection.getPort() != null) {
                fields.put("port", connection.getPort());
            }
            fields.put("database", connection.getDatabase());
            fields.put("user", connection.getUser());
            if (password != null) {
                fields.put("password", password);
            }
            parameters.put("connection", fields);
        }
        if (spec.getPath() != null) {
            parameters.put("path", spec.getPath());
        }
        if (spec.getLogSync() != null) {
            parameters.put("logSync", spec.getLogSync());
        }
        String name = spec.getName() != null ? spec.getName() : resource.getMetadata().getName();
        return new LinkSource(name, spec.getEngine(), environment, staging(resource, stagingEnvironment),
                spec.getSyncPolicy() == null
                        ? null
                        : new LinkSource.SyncPolicy(spec.getSyncPolicy().getCron()),
                spec.getSensitive(),
                parameters);
    }

    /** Where the spec stages: an environment, or a pod (in this resource's namespace unless it names one). */
    private static LinkSource.StagingTarget staging(Source resource, String stagingEnvironment) {
        SourceStaging staging = resource.getSpec() == null ? null : resource.getSpec().getStaging();
        if (staging != null && staging.getPod() != null) {
            String namespace = staging.getPod().getNamespace() != null
                    ? staging.getPod().getNamespace()
                    : resource.getMetadata().getNamespace();
            return new LinkSource.StagingTarget(stagingEnvironment, new LinkSource.KubernetesStaging(namespace));
        }
        return stagingEnvironment == null ? null : new LinkSource.StagingTarget(stagingEnvironment, null);
    }

    private static void describe(SourceView source, SourceStatus status, StatusConditions conditions) {
        status.setId(source.id());
        status.setState(source.state());
        status.setLastSyncAt(source.lastSyncAt() == null ? null : source.lastSyncAt().toString());
        status.setLastSnapshot(source.lastSnapshot());
        status.setSnapshots(source.snapshots());
        switch (source.state()) {
            case "ACTIVE" -> conditions.isTrue(StrataResources.READY, "Active", "Source " + source.name() + " is "
                    + "linked; " + source.snapshots() + " snapshot(s), the newest " + source.lastSnapshot() + ".");
            case "FAILED" -> conditions.isFalse(StrataResources.READY, "Failed", "Linking source " + source.name()
                    + " failed: " + source.error() + " Delete the resource and apply it again once that is fixed.");
            case "DISABLED" -> conditions.isFalse(StrataResources.READY, "Disabled", "Source " + source.name()
                    + " is disabled; POST /api/v1/sources/" + source.id() + "/enable starts its staging copy again.");
            default -> conditions.isFalse(StrataResources.READY, Specs.reasonOf(source.state()), "Source "
                    + source.name() + " is " + source.state().toLowerCase(Locale.ROOT) + ".");
        }
    }

    @Override
    public DeleteControl cleanup(Source resource, Context<Source> context) {
        return asOperator.call(() -> release(resource));
    }

    private DeleteControl release(Source resource) {
        Optional<SourceView> existing = sources.managedBy(key(resource));
        if (existing.isEmpty()) {
            Log.infof("Source %s: its source is gone", key(resource));
            return DeleteControl.defaultDelete();
        }
        if (!"DELETING".equals(existing.get().state())) {
            try {
                Log.infof("Source %s: deleting %s (job %s)", key(resource), existing.get().id(), sources.delete(
                        existing.get().id(), null).id);
            } catch (ApiException e) {
                // Busy (a sync runs): deleted once it ends.
                Log.infof("Source %s: not deleted yet: %s", key(resource), e.getMessage());
            }
        }
        return DeleteControl.noFinalizerRemoval().rescheduleAfter(operatorConfig.operatorPoll().toMillis());
    }
}
