package io.strata.kubernetes.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/**
 * A value kept in a Secret of the resource's namespace: how a spec names a password or a key without holding it. The
 * operator reads it when it needs it and hands it to the service, never into a status, an event or a log.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SecretKeyRef {

    @JsonPropertyDescription("The Secret, in the resource's namespace.")
    @Required
    @Pattern(StrataResources.RESOURCE_NAME_PATTERN)
    private String name;

    @JsonPropertyDescription("The key of the Secret's data that holds the value.")
    @Required
    @Pattern("^[-._a-zA-Z0-9]+$")
    private String key;

    public SecretKeyRef() {
    }

    public SecretKeyRef(String name, String key) {
        this.name = name;
        this.key = key;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getKey() {
        return key;
    }

    public void setKey(String key) {
        this.key = key;
    }
}
