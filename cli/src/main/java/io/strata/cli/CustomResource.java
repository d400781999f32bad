package io.strata.cli;

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

    private static String yaml(String kind, Body spec) {
        // metadata.name is a DNS name: Strata's own name (spec.name) may hold '_', which it may not.
        String name = String.valueOf(spec.get("name")).toLowerCase(Locale.ROOT).replace('_', '-');
        Body resource = new Body().with("apiVersion", API_VERSION).with("kind", kind).with("metadata", Map.of(
                "name", name)).with("spec", spec);
        try {
            return new YAMLMapper().writeValueAsString(new ObjectMapper().valueToTree(resource));
        } catch (JsonProcessingException e) {
            throw new CliException(ExitCode.INTERNAL, "cannot write the custom resource: " + e.getOriginalMessage());
        }
    }
}
