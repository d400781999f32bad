package io.strata.router;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Which service owns which {@code /api/v1/<resource>} path, and where each service listens. */
@ConfigMapping(prefix = "strata.router")
public interface RouterConfig {

    /** The services by name ({@code ingest}, {@code snapshot}, ...). */
    Map<String, Backend> services();

    /** How long the router waits for a service to answer before it gives up with 504. */
    @WithDefault("120s")
    Duration timeout();

    /** One service behind the router. */
    interface Backend {

        /** The service's base URL, e.g. {@code http://127.0.0.1:8081}. */
        String url();

        /** The first path segments after {@code /api/v1/} that this service owns. */
        List<String> resources();
    }
}
