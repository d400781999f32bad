package io.strata.charts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.HasMetadata;

/**
 * Renders the plain manifests of {@code deploy/kubernetes} from the chart with its default values, as release
 * {@code strata} in namespace {@code strata}: one file per step, numbered in the order {@code kubectl apply -R}
 * takes them (after {@code 00-crds/}, which {@code make crds} writes). The Secrets the chart would generate are not
 * part of it: key material has no place in the repository (docs/kubernetes.md says how to make them). {@code make
 * manifests} runs it; {@link ManifestsTest} fails when the committed files differ from a fresh rendering.
 */
public final class Manifests {

    /** Where the manifests go. */
    static final Path DIR = Chart.REPOSITORY.resolve("deploy/kubernetes");

    static final String NAMESPACE = "strata";

    private static final String HEADER = """
            # Rendered by `make manifests` from charts/strata with its default values (release strata, namespace
            # strata); change the chart, not this file. To install: make the Secrets docs/kubernetes.md lists, set your
            # Kafka and PostgreSQL in (a copy of) 20-config.yaml, then `kubectl apply -f deploy/kubernetes/ -R`.
            """;

    private static final String STORAGE_NODE = "30-storage-node.yaml";

    /** The file of each kind; the storage node's Service goes with its StatefulSet. */
    private static final Map<String, String> FILES = Map.ofEntries(Map.entry("ServiceAccount", "10-rbac.yaml"),
            Map.entry("Role", "10-rbac.yaml"), Map.entry("RoleBinding", "10-rbac.yaml"),
            Map.entry("ClusterRole", "10-rbac.yaml"), Map.entry("ClusterRoleBinding", "10-rbac.yaml"),
            Map.entry("ConfigMap", "20-config.yaml"), Map.entry("PersistentVolumeClaim", "20-config.yaml"),
            Map.entry("StatefulSet", STORAGE_NODE), Map.entry("Service", "40-services.yaml"),
            Map.entry("Deployment", "40-services.yaml"),
            Map.entry("Ingress", "50-ingress.yaml"));

    private Manifests() {
    }

    /** Writes the manifests into {@code deploy/kubernetes}, or the directory given. */
    public static void main(String[] args) {
        Path target = args.length > 0 ? Path.of(args[0]) : DIR;
        Set<String> written = write(target);
        System.out.println("Rendered " + String.join(", ", written) + " into " + target.normalize());
    }

    /** Renders the manifests into {@code target}, replacing the numbered files there; their names. */
    static Set<String> write(Path target) {
        Map<String, String> files = render();
        try {
            Files.createDirectories(target);
            for (Path stale : numberedFiles(target)) {
                Files.delete(stale);
            }
            for (Map.Entry<String, String> file : files.entrySet()) {
                Files.writeString(target.resolve(file.getKey()), file.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files.keySet();
    }

    /** The numbered manifest files of a directory (not {@code 00-crds/}, which is a directory). */
    static List<Path> numberedFiles(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> Files.isRegularFile(file) && file.getFileName().toString().matches(
                    "\\d\\d-.*\\.yaml")).sorted().toList();
        }
    }

    /** Every manifest file's name and text, in apply order. */
    static Map<String, String> render() {
        Map<String, List<String>> documents = new LinkedHashMap<>();
        documents.put("01-namespace.yaml", List.of(namespace()));
        for (String document : Chart.documents(Chart.render("strata", NAMESPACE, Map.of()))) {
            HasMetadata object = Chart.SERIALIZATION.unmarshal(document);
            documents.computeIfAbsent(fileOf(object), file -> new ArrayList<>()).add(document.lines().map(
                    String::stripTrailing).collect(Collectors.joining("\n")));
        }
        Map<String, String> files = new LinkedHashMap<>();
        documents.keySet().stream().sorted().forEach(file -> files.put(file, HEADER + "---\n" + String.join(
                "\n---\n", documents.get(file)) + "\n"));
        return files;
    }

    private static String fileOf(HasMetadata object) {
        String component = object.getMetadata().getLabels().get("app.kubernetes.io/component");
        String file = FILES.get(object.getKind());
        if (file == null) {
            throw new IllegalStateException("The chart renders a " + object.getKind() + " that no manifest file "
                    + "takes: give it one in Manifests.FILES.");
        }
        // The storage node's Service goes with its StatefulSet, before it: the pod reads the Service's address.
        return "storage-node".equals(component) && "Service".equals(object.getKind()) ? STORAGE_NODE : file;
    }

    private static String namespace() {
        return """
                apiVersion: v1
                kind: Namespace
                metadata:
                  name: %s
                  labels:
                    app.kubernetes.io/part-of: strata""".formatted(NAMESPACE);
    }
}
