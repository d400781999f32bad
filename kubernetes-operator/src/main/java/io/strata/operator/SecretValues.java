package io.strata.operator;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.strata.common.errors.ApiException;
import io.strata.kubernetes.v1alpha1.SecretKeyRef;

/**
 * Reads the values a spec keeps in Secrets of its namespace ({@link SecretKeyRef}), for the service code that needs
 * them. A value is handed on, never written to a status, an event or a log; what is missing is named, not shown.
 */
public final class SecretValues {

    private SecretValues() {
    }

    /**
     * The value a reference names, or {@code null} for no reference; 404 naming the spec field when the Secret or its
     * key is missing (the reconciler looks again: the Secret may be applied after the resource).
     *
     * @param field the spec field holding the reference, for the message, e.g. {@code connection.passwordSecret}
     */
    public static String read(KubernetesClient client, String namespace, SecretKeyRef ref, String field) {
        Versioned read = readVersioned(client, namespace, ref, field);
        return read == null ? null : read.value();
    }

    /**
     * A value read from a Secret, with the version of the Secret it was read from.
     *
     * @param value the value, handed on and never shown
     * @param version the Secret's uid and resourceVersion: another version may hold another value
     */
    public record Versioned(String value, String version) {

        /** The value must never reach a log line through this record. */
        @Override
        public String toString() {
            return "Versioned[" + version + "]";
        }
    }

    /** As {@link #read}, with the version of the Secret it came from; {@code null} for no reference. */
    public static Versioned readVersioned(KubernetesClient client, String namespace, SecretKeyRef ref, String field) {
        if (ref == null) {
            return null;
        }
        Secret secret = client.secrets().inNamespace(namespace).withName(ref.getName()).get();
        if (secret == null) {
            throw new ApiException(404, "There is no Secret " + ref.getName() + " in namespace " + namespace
                    + "; create it with the key " + ref.getKey() + ".", field);
        }
        String version = secret.getMetadata().getUid() + "/" + secret.getMetadata().getResourceVersion();
        if (secret.getStringData() != null && secret.getStringData().containsKey(ref.getKey())) {
            return new Versioned(secret.getStringData().get(ref.getKey()), version);
        }
        String encoded = secret.getData() == null ? null : secret.getData().get(ref.getKey());
        if (encoded == null) {
            throw new ApiException(404, "Secret " + ref.getName() + " has no key " + ref.getKey()
                    + "; add it, or name the key that holds the value.", field);
        }
        return new Versioned(new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8), version);
    }
}
