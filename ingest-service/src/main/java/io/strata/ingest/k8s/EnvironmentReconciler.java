package io.strata.ingest.k8s;

import java.time.Duration;
import java.util.Optional;

import jakarta.inject.Inject;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.quarkus.logging.Log;
import io.strata.common.errors.ApiException;
import io.strata.contracts.ingest.CreateEnvironment;
import io.strata.contracts.ingest.EnvironmentView;
import io.strata.ingest.environment.EnvironmentService;
import io.strata.ingest.source.Source;
import io.strata.kubernetes.v1alpha1.Environment;
import io.strata.kubernetes.v1alpha1.EnvironmentSpec;
import io.strata.kubernetes.v1alpha1.EnvironmentStatus;
import io.strata.kubernetes.v1alpha1.StatusConditions;
import io.strata.kubernetes.v1alpha1.StrataResources;
import io.strata.operator.SecretValues;
import io.strata.operator.Specs;
import io.strata.operator.StatusReconciler;

/**
 * Converges an {@link Environment} resource through the same {@link EnvironmentService} as
 * {@code POST /api/v1/environments}: the first reconcile registers it (its private key or password read from the
 * Secret the spec names, and checked against the host before anything is saved), and the environment remembers the
 * resource, so a restart finds it again. An environment cannot change: a later spec that differs is reported in
 * Ready. Deleting the resource removes the environment once no source uses it.
 */
@ControllerConfiguration(name = "environment", finalizerName = StrataResources.FINALIZER)
public class EnvironmentReconciler extends StatusReconciler<Environment, EnvironmentStatus>
        implements
            Cleaner<Environment> {

    @Inject
    EnvironmentService environments;

    @Inject
    KubernetesClient client;

    @Override
    protected EnvironmentStatus newStatus() {
        return new EnvironmentStatus();
    }

    @Override
    protected Duration converge(Environment resource, EnvironmentStatus status, StatusConditions conditions) {
        String digest = Specs.digest(resource.getSpec());
        try {
            Optional<EnvironmentView> existing = environments.managedBy(key(resource));
            String namespace = resource.getMetadata().getNamespace();
            SecretValues.Versioned privateKey = SecretValues.readVersioned(client, namespace, resource.getSpec()
                    .getPrivateKeySecret(), "privateKeySecret");
            SecretValues.Versioned password = SecretValues.readVersioned(client, namespace, resource.getSpec()
                    .getPasswordSecret(), "passwordSecret");
            if (existing.isEmpty()) {
                CreateEnvironment request = request(resource, valueOf(privateKey), valueOf(password));
                existing = Optional.of(EnvironmentService.view(environments.create(request, key(resource))));
                Log.infof("Environment %s: registered %s", key(resource), existing.get().id());
                status.setSpecDigest(digest);
                status.setCredentialsVersion(privateKey != null
                        ? privateKey.version()
                        : password == null
                                ? null
                                : password.version());
            }
            EnvironmentView environment = existing.get();
            status.setId(environment.id());
            status.setHost(environment.host());
            status.setUser(environment.user());
            status.setHostKey(environment.hostKey());
            if (!Specs.fixedPartChanged(status.getSpecDigest(), digest, conditions, "Environment " + key(resource),
                    "an environment cannot change", "environment")) {
                status.setSpecDigest(digest);
                conditions.isTrue(StrataResources.READY, "Registered", "Environment " + environment.name()
                        + " runs commands on " + environment.host() + " as " + environment.user() + ".");
                return followSecret(resource, environment.id(), privateKey, password, status, conditions);
            }
            return null;
        } catch (ApiException e) {
            conditions.isFalse(StrataResources.READY, Specs.reason(e), Specs.message(e));
            // A Secret applied after the resource is looked for again; a refused spec waits for a change of it.
            return e.status() == 404 ? operatorConfig.notFoundRetry() : null;
        }
    }

    /**
     * Hands a new value of the credential's Secret to the environment (as {@code PUT
     * /api/v1/environments/{id}/credentials}); when to look at the Secret again.
     */
    private Duration followSecret(Environment resource, String id, SecretValues.Versioned privateKey,
            SecretValues.Versioned password, EnvironmentStatus status, StatusConditions conditions) {
        SecretValues.Versioned held = privateKey != null ? privateKey : password;
        if (held == null) {
            return null;
        }
        if (status.getCredentialsVersion() != null && !status.getCredentialsVersion().equals(held.version())) {
            try {
                environments.changeCredentials(id, new CreateEnvironment.Credentials(valueOf(privateKey), valueOf(
                        password)));
                Log.infof("Environment %s: credentials of Secret version %s taken", key(resource), held.version());
            } catch (ApiException e) {
                conditions.isFalse(StrataResources.READY, "CredentialsRefused", "The Secret's new value was refused, "
                        + "and Strata keeps the earlier credentials: " + Specs.message(e));
                return operatorConfig.statusRefresh();
            }
        }
        status.setCredentialsVersion(held.version());
        return operatorConfig.statusRefresh();
    }

    private static String valueOf(SecretValues.Versioned read) {
        return read == null ? null : read.value();
    }

    /** The REST request a spec stands for, with the credential read from its Secret. */
    static CreateEnvironment request(Environment resource, String privateKey, String password) {
        EnvironmentSpec spec = resource.getSpec();
        if (privateKey != null && password != null) {
            throw ApiException.badRequest("privateKeySecret", "Give one of spec.privateKeySecret and "
                    + "spec.passwordSecret, not both.");
        }
        String name = spec.getName() != null ? spec.getName() : resource.getMetadata().getName();
        CreateEnvironment.Credentials credentials = privateKey == null && password == null
                ? null
                : new CreateEnvironment.Credentials(privateKey, password);
        return new CreateEnvironment(name, spec.getKind(), spec.getHost(), spec.getPort(), spec.getUser(),
                credentials, spec.getHostKey(), spec.getPinHostKey(), spec.getNamespace(), spec.getPod(), spec
                        .getContainer());
    }

    @Override
    public DeleteControl cleanup(Environment resource, Context<Environment> context) {
        return asOperator.call(() -> release(resource));
    }

    private DeleteControl release(Environment resource) {
        Optional<EnvironmentView> existing = environments.managedBy(key(resource));
        if (existing.isEmpty()) {
            Log.infof("Environment %s: its environment is gone", key(resource));
            return DeleteControl.defaultDelete();
        }
        String id = existing.get().id();
        try {
            environments.delete(id, Source.count("environmentId = ?1 or stagingEnvironmentId = ?1", id));
            Log.infof("Environment %s: removed %s", key(resource), id);
            return DeleteControl.defaultDelete();
        } catch (ApiException e) {
            // Sources still use it (being deleted with their own resources, perhaps): it goes once they are gone.
            Log.infof("Environment %s: not removed yet: %s", key(resource), e.getMessage());
            return DeleteControl.noFinalizerRemoval().rescheduleAfter(operatorConfig.notFoundRetry().toMillis());
        }
    }
}
