package io.strata.cli;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * The Kubernetes custom resource (group {@code strata.io}, version {@code v1alpha1}) that does what a create request
 * does, for {@code --dry-run --kubernetes}: its spec holds the request's fields, as the operators read them.
 */
final class CustomResource {

    private static final String API_VERSION = "strata.io/v1alpha1";

    private CustomResource() {
    }

    /** A VirtualDatabase from a {@code POST /vdbs} body: {@code target: {environment}} becomes {@code environment}. */
    static String virtualDatabase(Body request) {
        Body spec = new Body();
        request.forEach((key, value) -> {
            if (key.equals("target")) {
                spec.with("environment", ((Map<?, ?>) value).get("environment"));
            } else {
                spec.with(key, value);
            }
        });
        return yaml("VirtualDatabase", spec);
    }

    /** A DataPod from a {@code POST /datapods} body: the same fields. */
    static String dataPod(Body request) {
        return yaml("DataPod", request);
    }

    /** A Bookmark from a {@code POST /datapods/{pod}/bookmarks} body: the pod in {@code dataPod}. */
    static String bookmark(String pod, Body request) {
        Body spec = new Body().with("dataPod", pod);
        spec.putAll(request);
        return yaml("Bookmark", spec);
    }

    /**
     * A one-shot action ({@code PodReset}, {@code VdbRewind}, ...) on {@code target}, named by its pod or VDB
     * ({@code targetField}: {@code dataPod} or {@code virtualDatabase}), with the request's fields; its name is the
     * target's, the action's and the moment's, as each apply of an action is an object of its own.
     */
    static String action(String kind, String targetField, String target, Body request) {
        Body spec = new Body().with(targetField, target);
        if (request != null) {
            spec.putAll(request);
        }
        String moment = DateTimeFormatter.ofPattern("yyyyMMdd'-'HHmmss", Locale.ROOT).withZone(ZoneOffset.UTC).format(
                Instant.now());
        return yaml(kind, dnsName(target + "-" + kind.replaceAll("([a-z])([A-Z])", "$1-$2") + "-" + moment), spec);
    }

    private static String yaml(String kind, Body spec) {
        return yaml(kind, dnsName(String.valueOf(spec.get("name"))), spec);
    }

    /** metadata.name is a DNS name: Strata's own names may hold '_' and capitals, which it may not. */
    private static String dnsName(String name) {
        return name.toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static String yaml(String kind, String name, Body spec) {
        Body resource = new Body().with("apiVersion", API_VERSION).with("kind", kind).with("metadata", Map.of(
                "name", name)).with("spec", spec);
        try {
            return new YAMLMapper().writeValueAsString(new ObjectMapper().valueToTree(resource));
        } catch (JsonProcessingException e) {
            throw new CliException(ExitCode.INTERNAL, "cannot write the custom resource: " + e.getOriginalMessage());
        }
    }
}
