package io.strata.contracts.ingest;

import java.util.Arrays;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** How Strata reaches an environment; written in lower case on the wire and in the database. */
public enum EnvironmentKind {

    /** This host: commands run as the service's own user. */
    LOCAL,
    /** A host reached over SSH, its host key pinned. */
    SSH,
    /** A container of a Kubernetes pod, reached through the API server's exec. */
    KUBERNETES;

    /** The name on the wire: {@code local}, {@code ssh}, {@code kubernetes}. */
    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The kind written {@code text}, or {@code null} for a name that is none. */
    @JsonCreator
    public static EnvironmentKind of(String text) {
        return text == null
                ? null
                : Arrays.stream(values()).filter(kind -> kind.wire().equals(text)).findFirst().orElse(null);
    }
}
