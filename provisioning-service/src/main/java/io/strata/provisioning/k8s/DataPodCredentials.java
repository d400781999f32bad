package io.strata.provisioning.k8s;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.strata.common.secrets.SecretStore;
import io.strata.contracts.provisioning.VdbView;
import io.strata.kubernetes.v1alpha1.DataPodStatus;
import io.strata.operator.Labels;
import io.strata.provisioning.pods.PodWorkloads;
import io.strata.provisioning.vdb.PodVdbChanged;
import io.strata.provisioning.vdb.Vdb;
import io.strata.provisioning.vdb.VdbViews;

/**
 * The credentials of a data pod's virtual databases when a DataPod resource made the pod: each one's connection and
 * password in a Secret {@code <name>-credentials} of the resource's namespace, as a VirtualDatabase resource's are,
 * written once it is made and rewritten when an operation on it ends (a value changed is written again), deleted with
 * it. The catalog, which owns data pods, touches no Secret: the passwords are this service's.
 */
@ApplicationScoped
public class DataPodCredentials {

    /** The label that names the virtual database on its Secret. */
    private static final String VDB_LABEL = PodWorkloads.VDB_LABEL;

    @Inject
    Instance<KubernetesClient> client;

    @Inject
    SecretStore secrets;

    @Inject
    VdbViews views;

    void operationEnded(@Observes(during = TransactionPhase.AFTER_SUCCESS) PodVdbChanged changed) {
        String name = DataPodStatus.Member.credentialsSecretOf(changed.name());
        try {
            if (changed.deleted()) {
                client.get().secrets().inNamespace(changed.namespace()).withName(name).delete();
                return;
            }
            Map<String, String> data = QuarkusTransaction.requiringNew().call(() -> {
                Vdb vdb = Vdb.findById(changed.vdbId());
                if (vdb == null || vdb.status != Vdb.Status.RUNNING && vdb.status != Vdb.Status.STOPPED) {
                    return null;
                }
                VdbView view = views.view(vdb);
                return PodWorkloads.credentials(view.connection().host(), view.connection().port(), view
                        .connection().database(), vdb.databaseUser, secrets.get(vdb.secretRef).get("password"));
            });
            if (data == null) {
                return;
            }
            Secret secret = new SecretBuilder().withNewMetadata().withName(name).withNamespace(changed.namespace())
                    .addToLabels(Labels.MANAGED_BY, "strata").addToLabels(VDB_LABEL, changed.vdbId()).endMetadata()
                    .withType("Opaque").withStringData(data).build();
            client.get().secrets().inNamespace(changed.namespace()).resource(secret).createOr(
                    NonDeletingOperation::update);
        } catch (KubernetesClientException e) {
            Log.warnf("The credentials Secret %s/%s of virtual database %s could not be %s: %s", changed.namespace(),
                    name, changed.name(), changed.deleted() ? "deleted" : "written", e.getMessage());
        }
    }
}
