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
        if (ref == null) {
            return null;
        }
        Secret secret = client.secrets().inNamespace(namespace).withName(ref.getName()).get();
        if (secret == null) {
            throw new ApiException(404, "There is no Secret " + ref.getName() + " in namespace " + namespace
                    + "; create it with the key " + ref.getKey() + ".", field);
        }
        if (secret.getStringData() != null && secret.getStringData().containsKey(ref.getKey())) {
            return secret.getStringData().get(ref.getKey());
        }
        String encoded = secret.getData() == null ? null : secret.getData().get(ref.getKey());
        if (encoded == null) {
            throw new ApiException(404, "Secret " + ref.getName() + " has no key " + ref.getKey()
                    + "; add it, or name the key that holds the value.", field);
        }
        return new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
    }
}
