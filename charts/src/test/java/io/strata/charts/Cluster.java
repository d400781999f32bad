package io.strata.charts;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.strata.testing.KubeApiServer;

/**
 * The test JVM's real API server ({@link KubeApiServer#shared()}, stopped when the JVM exits) and one admin client of
 * it, which the test classes here share.
 */
final class Cluster {

    private static KubernetesClient admin;

    private Cluster() {
    }

    /** The API server, started on first use. */
    static KubeApiServer kube() {
        return KubeApiServer.shared();
    }

    /** A client acting as the admin; left open for the JVM's other tests. */
    static synchronized KubernetesClient admin() {
        if (admin == null) {
            admin = kube().client();
        }
        return admin;
    }
}
