package io.strata.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The route table {@link ApiRouter} builds from {@code strata.router.services} at start-up. */
class RouteTableTest {

    @Test
    void eachResourceGoesToTheServiceThatClaimsIt() {
        Map<String, ApiRouter.Route> routes = ApiRouter.routesOf(services(
                "catalog", new Backend("http://127.0.0.1:8085", List.of("jobs", "bookmarks")),
                "provisioning", new Backend("http://127.0.0.1:8084", List.of("vdbs"))));

        assertThat(routes).containsOnlyKeys("bookmarks", "jobs", "vdbs");
        assertThat(routes.get("vdbs")).isEqualTo(new ApiRouter.Route("provisioning",
                URI.create("http://127.0.0.1:8084")));
    }

    @Test
    void aResourceClaimedTwiceFailsStartUp() {
        Map<String, RouterConfig.Backend> services = services(
                "catalog", new Backend("http://127.0.0.1:8085", List.of("jobs")),
                "provisioning", new Backend("http://127.0.0.1:8084", List.of("vdbs", "jobs")));

        assertThatThrownBy(() -> ApiRouter.routesOf(services)).isInstanceOf(IllegalStateException.class)
                .hasMessage("resource 'jobs' is claimed by both catalog and provisioning; "
                        + "fix strata.router.services");
    }

    @Test
    void aServiceUrlWithoutPortMeansPort80() {
        assertThat(new ApiRouter.Route("catalog", URI.create("http://catalog.internal")).port()).isEqualTo(80);
    }

    private static Map<String, RouterConfig.Backend> services(String first, Backend firstBackend, String second,
            Backend secondBackend) {
        Map<String, RouterConfig.Backend> services = new LinkedHashMap<>();
        services.put(first, firstBackend);
        services.put(second, secondBackend);
        return services;
    }

    /** One service as the configuration would describe it. */
    private record Backend(String url, List<String> resources) implements RouterConfig.Backend {
    }
}
