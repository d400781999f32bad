package io.strata.charts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * The chart in {@code charts/strata}, through the helm that helm-java bundles (lint and template work without a
 * cluster), and its rendered objects read into fabric8's model.
 */
final class Chart {

    /**
     * This module's directory: the working directory of its tests, or {@code strata.charts.module} when the Maven JVM
     * runs {@link Manifests} ({@code make manifests}).
     */
    static final Path MODULE = Path.of(System.getProperty("strata.charts.module", "."));

    /** The chart's directory. */
    static final Path DIR = MODULE.resolve("strata");

    /** The repository's root. */
    static final Path REPOSITORY = MODULE.resolve("..");

    private static final Pattern DOCUMENT_SEPARATOR = Pattern.compile("(?m)^---\\s*$");

    static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private Chart() {
    }

    /** {@code helm lint --strict}. */
    static LintResult lint() {
        return new Helm(DIR).lint().strict().call();
    }

    /**
     * {@code helm template} as release {@code release} in namespace {@code namespace} with {@code --set} values (a
     * {@link List} value sets a list);
     * the YAML text as helm prints it. Hooks (the Secrets the first install generates) are not part of it.
     */
    static String render(String release, String namespace, Map<String, ?> values) {
        TemplateCommand template = new Helm(DIR).template().withName(release).withNamespace(namespace);
        values.forEach((key, value) -> {
            // helm-java passes every value as one string: a list goes as its elements, key[0], key[1], ...
            if (value instanceof List<?> list) {
                for (int i = 0; i < list.size(); i++) {
                    template.set(key + "[" + i + "]", list.get(i));
                }
            } else {
                template.set(key, value);
            }
        });
        return template.call();
    }

    /** The documents of a rendering, each as its text, empty ones dropped. */
    static List<String> documents(String yaml) {
        List<String> documents = new ArrayList<>();
        for (String document : DOCUMENT_SEPARATOR.split(yaml)) {
            if (document.lines().anyMatch(line -> !line.isBlank() && !line.startsWith("#"))) {
                documents.add(document.strip());
            }
        }
        return documents;
    }

    /** A rendering's objects, read into fabric8's typed model (unknown kinds as generic resources). */
    static List<HasMetadata> objects(String yaml) {
        return documents(yaml).stream().map(document -> (HasMetadata) SERIALIZATION.unmarshal(document)).toList();
    }

    /** The rendered objects of the defaults as release {@code strata} in namespace {@code strata}. */
    static List<HasMetadata> defaults() {
        return objects(render("strata", "strata", Map.of()));
    }

    /** The one object of a kind and name. */
    static <T extends HasMetadata> T find(List<HasMetadata> objects, Class<T> type, String name) {
        return first(objects, type, object -> name.equals(object.getMetadata().getName())).orElseThrow(
                () -> new AssertionError("no " + type.getSimpleName() + " " + name + " in the rendering"));
    }

    /** The objects of a kind. */
    static <T extends HasMetadata> List<T> all(List<HasMetadata> objects, Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    private static <T extends HasMetadata> Optional<T> first(List<HasMetadata> objects, Class<T> type,
            Predicate<T> test) {
        return all(objects, type).stream().filter(test).findFirst();
    }

    /** A file of the repository, as text. */
    static String read(String path) {
        try {
            return Files.readString(REPOSITORY.resolve(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
