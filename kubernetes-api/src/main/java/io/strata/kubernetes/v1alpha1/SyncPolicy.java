package io.strata.kubernetes.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Pattern;

/** When a {@link Source} is synced by itself. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SyncPolicy {

    @JsonPropertyDescription("A five-field Unix cron expression, e.g. \"0 * * * *\" for every hour.")
    @Pattern("^\\S+( \\S+){4}$")
    private String cron;

    public String getCron() {
        return cron;
    }

    public void setCron(String cron) {
        this.cron = cron;
    }
}
