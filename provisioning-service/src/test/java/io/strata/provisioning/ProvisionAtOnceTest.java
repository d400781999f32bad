package io.strata.provisioning;

import static io.strata.testing.Api.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.strata.contracts.events.EventCodec;
import io.strata.testing.StrataTestEnvironment;
import io.strata.testing.TemporaryHomeResource;

/**
 * Virtual databases requested at once, as a pipeline's parallel stages request them: each is accepted and gets a port
 * of its own. The clones are never answered, so no engine starts; the ports are given when the request is accepted.
 */
@QuarkusTest
@WithTestResource(StrataTestEnvironment.class)
@WithTestResource(TemporaryHomeResource.class)
class ProvisionAtOnceTest {

    private static final int AT_ONCE = 8;

    @Inject
    EventCodec codec;

    @Test
    void virtualDatabasesRequestedAtOnceAreAllAcceptedWithAPortEach() throws Exception {
        String dataset = KnownDatasets.dataset(codec, "at-once", null);
        await().atMost(Duration.ofSeconds(60)).until(() -> request("probe-" + KnownDatasets.suffix(), dataset)
                .statusCode() != 404);
        List<Callable<Response>> requests = new ArrayList<>();
        for (int i = 0; i < AT_ONCE; i++) {
            String name = "at-once-" + i + "-" + KnownDatasets.suffix();
            requests.add(() -> request(name, dataset));
        }
        List<Integer> statuses = new ArrayList<>();
        List<Integer> ports = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(AT_ONCE);
        try {
            for (Future<Response> answer : pool.invokeAll(requests)) {
                Response response = answer.get();
                statuses.add(response.statusCode());
                if (response.statusCode() == 202) {
                    ports.add(given().get("/api/v1/vdbs/" + response.path("id")).then().statusCode(200).extract()
                            .path("connection.port"));
                }
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(statuses).as("the answers to %d requests at once", AT_ONCE).containsOnly(202);
        assertThat(ports).hasSize(AT_ONCE).doesNotHaveDuplicates();
    }

    private static Response request(String name, String dataset) {
        return given().contentType("application/json").body(Map.of("name", name, "from", Map.of("dataset",
                dataset))).post("/api/v1/vdbs");
    }
}
