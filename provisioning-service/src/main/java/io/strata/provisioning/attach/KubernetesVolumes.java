package io.strata.provisioning.attach;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import io.fabric8.kubernetes.api.model.NodeAddress;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.strata.contracts.storage.ExportCreated;
import io.strata.engine.UserError;
import io.strata.provisioning.config.ProvisioningConfig;

/**
 * A volume on Kubernetes, CSI-style without a driver: a PersistentVolume whose {@code nfs:} source is the volume's
 * NFS export, pre-bound to a PersistentVolumeClaim of the same name in the environment's namespace, so a pod mounts
 * the claim. The PersistentVolume keeps {@code Retain}: the data belongs to the pool, which Strata cleans itself.
 */
@ApplicationScoped
public class KubernetesVolumes {

    /** Label on everything Strata creates, and the label naming the volume. */
    public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    public static final String VOLUME_LABEL = "strata.io/volume";

    @Inject
    Instance<KubernetesClient> client;

    @Inject
    ProvisioningConfig config;

    /** The name of the PersistentVolume and the claim for a volume (a DNS-1123 name). */
    public static String nameOf(String volumeId) {
        String name = ("strata-" + volumeId.toLowerCase(Locale.ROOT)).replaceAll("[^a-z0-9-]", "-");
        return name.length() > 63 ? name.substring(0, 63).replaceAll("-+$", "") : name;
    }

    /**
     * The addresses that mount NFS volumes for pods: the nodes' internal addresses (the kubelet mounts, not the
     * pod), unless {@code strata.provisioning.kubernetes.nfs-clients} names them.
     */
    public List<String> nfsClients() {
        if (config.kubernetes().nfsClients().isPresent()) {
            return config.kubernetes().nfsClients().get();
        }
        try {
            List<String> addresses = client.get().nodes().list().getItems().stream().flatMap(node -> node
                    .getStatus() == null || node.getStatus().getAddresses() == null
                            ? java.util.stream.Stream.<NodeAddress>empty()
                            : node.getStatus().getAddresses().stream())
                    .filter(address -> "InternalIP".equals(address
                            .getType()))
                    .map(NodeAddress::getAddress).distinct().toList();
            if (addresses.isEmpty()) {
                throw new UserError("The Kubernetes cluster shows no node with an InternalIP address to export the "
                        + "volume to.", "Set strata.provisioning.kubernetes.nfs-clients to the nodes' addresses.");
            }
            return addresses;
        } catch (KubernetesClientException e) {
            throw new UserError("Cannot list the Kubernetes nodes to export the volume to them: " + e.getMessage()
                    + ".",
                    "Grant Strata's account list on nodes, or set strata.provisioning.kubernetes.nfs-clients "
                            + "to the nodes' addresses.");
        }
    }

    /** Creates (or keeps) the PersistentVolume and its claim for an export; returns the claim's name. */
    public String create(String namespace, ExportCreated export) {
        String name = nameOf(export.volumeId());
        Map<String, String> labels = Map.of(MANAGED_BY, "strata", VOLUME_LABEL, export.volumeId());
        Quantity capacity = new Quantity(config.kubernetes().volumeCapacity());
        PersistentVolume volume = new PersistentVolumeBuilder().withNewMetadata().withName(name).withLabels(labels)
                .endMetadata().withNewSpec().withCapacity(Map.of("storage", capacity)).withAccessModes(
                        "ReadWriteMany")
                .withPersistentVolumeReclaimPolicy("Retain").withStorageClassName("").withMountOptions(
                        "nfsvers=4.1", "port=" + export.port(), "hard")
                .withNewNfs().withServer(export.server()).withPath(export.path()).endNfs().withNewClaimRef()
                .withNamespace(namespace).withName(name).endClaimRef().endSpec().build();
        PersistentVolumeClaim claim = new PersistentVolumeClaimBuilder().withNewMetadata().withName(name)
                .withNamespace(namespace).withLabels(labels).endMetadata().withNewSpec().withAccessModes(
                        "ReadWriteMany")
                .withStorageClassName("").withVolumeName(name).withNewResources().withRequests(Map.of("storage",
                        capacity))
                .endResources().endSpec().build();
        try {
            // Created, or updated when a retried attachment finds them already there.
            client.get().persistentVolumes().resource(volume).createOr(NonDeletingOperation::update);
            client.get().persistentVolumeClaims().inNamespace(namespace).resource(claim).createOr(
                    NonDeletingOperation::update);
            return name;
        } catch (KubernetesClientException e) {
            delete(namespace, export.volumeId());
            throw new UserError("Could not create the PersistentVolume and claim " + name + " in namespace "
                    + namespace + ": " + e.getMessage() + ".",
                    "Grant Strata's account create and delete on "
                            + "persistentvolumes and on persistentvolumeclaims in " + namespace + ".");
        }
    }

    /** Deletes the claim and the PersistentVolume of a volume, if they exist. */
    public void delete(String namespace, String volumeId) {
        String name = nameOf(volumeId);
        client.get().persistentVolumeClaims().inNamespace(namespace).withName(name).delete();
        client.get().persistentVolumes().withName(name).delete();
    }
}
