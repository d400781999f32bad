package io.strata.catalog.templates;

import static io.strata.testing.Api.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.strata.contracts.events.EventCodec;
import io.strata.contracts.events.Topics;
import io.strata.contracts.ingest.SourceChanged;
import io.strata.contracts.provisioning.VdbReady;
import io.strata.contracts.provisioning.VdbView;
import io.strata.contracts.storage.SnapshotCreated;
import io.strata.contracts.storage.SnapshotView;
import io.strata.testing.StrataTestEnvironment;

/**
 * Templates of datasets the catalog heard of, and their consistent points; the test plays ingest, provisioning and
 * the snapshot service.
 */
@QuarkusTest
@WithTestResource(StrataTestEnvironment.class)
class TemplateTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final Instant T = Instant.parse("2026-12-01T08:00:00Z");

    @Inject
    EventCodec codec;

    private void source(String id, String name) {
        StrataTestEnvironment.publish(codec, Topics.INGEST, new SourceChanged(id, name, "postgresql", "env-1",
                "ACTIVE", null, null, null, T, T));
    }

    private void snapshot(String id, String dataset, Instant at) {
        StrataTestEnvironment.publish(codec, Topics.SNAPSHOT, new SnapshotCreated("req-" + id, new SnapshotView(id,
                dataset, "vol-1", null, at.plusSeconds(1), "0/1", at, 1L, 1L, Map.of(), List.of(), List.of())));
    }

    private static void awaitDataset(String name) {
        await().atMost(PATIENCE).untilAsserted(() -> given().get("/api/v1/catalog/datasets/" + name).then()
                .statusCode(200));
    }

    @Test
    void aTemplatesConsistentPointGivesEachDatasetItsNewestSnapshotAtOrBeforeTheMoment() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        source("src-o-" + run, "orders-" + run);
        source("src-b-" + run, "billing-" + run);
        snapshot("o1-" + run, "src-o-" + run, T.minusSeconds(600));
        snapshot("o2-" + run, "src-o-" + run, T.plusSeconds(300));
        snapshot("b1-" + run, "src-b-" + run, T.minusSeconds(60));
        awaitDataset("billing-" + run);

        String id = given().contentType("application/json").body(Map.of("name", "shop-" + run, "datasets", List.of(
                "orders-" + run, "src-b-" + run))).post("/api/v1/templates").then().statusCode(201)
                .body("datasets.name", contains("orders-" + run, "billing-" + run))
                .body("datasets.kind", contains("SOURCE", "SOURCE")).extract().path("id");

        await().atMost(PATIENCE).untilAsserted(() -> given().queryParam("at", T.toString()).get("/api/v1/templates/"
                + id + "/point").then().statusCode(200).body("snapshots.snapshot", contains("o1-" + run, "b1-"
                        + run)));
        given().get("/api/v1/templates/shop-" + run + "/point").then().statusCode(200).body("snapshots.snapshot",
                contains("o2-" + run, "b1-" + run));
        given().queryParam("at", T.minusSeconds(300).toString()).get("/api/v1/templates/" + id + "/point").then()
                .statusCode(409).body("detail", containsString("billing-" + run));
        given().get("/api/v1/templates").then().statusCode(200).body("find { it.id == '" + id + "' }.name",
                equalTo("shop-" + run));
        given().delete("/api/v1/templates/" + id).then().statusCode(204);
        given().get("/api/v1/templates/" + id).then().statusCode(404);
    }

    @Test
    void aTemplateNamesLiveSourcesOrMaskedDatasetsOnceEachAndABadRequestNamesTheField() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        source("src-" + run, "crm-" + run);
        StrataTestEnvironment.publish(codec, Topics.PROVISIONING, new VdbReady(new VdbView("vdb-" + run, "dev-" + run,
                "postgresql", "RUNNING", null, "src-" + run, "snap-1", null, "env-1", Map.of(), null, T),
                "provision"));
        awaitDataset("dev-" + run);

        given().contentType("application/json").body(Map.of("name", "t-" + run, "datasets", List.of("crm-" + run,
                "no-such-" + run))).post("/api/v1/templates").then().statusCode(400).body("field", equalTo(
                        "datasets[1]"));
        given().contentType("application/json").body(Map.of("name", "t-" + run, "datasets", List.of("dev-" + run)))
                .post("/api/v1/templates").then().statusCode(400).body("field", equalTo("datasets[0]")).body(
                        "detail", containsString("virtual database"));
        given().contentType("application/json").body(Map.of("name", "t-" + run, "datasets", List.of("crm-" + run,
                "src-" + run))).post("/api/v1/templates").then().statusCode(400).body("field", equalTo(
                        "datasets[1]"))
                .body("detail", containsString("twice"));
        given().contentType("application/json").body(Map.of("name", "t-" + run, "datasets", List.of())).post(
                "/api/v1/templates").then().statusCode(400).body("field", equalTo("datasets"));
        given().contentType("application/json").body(Map.of("name", "Bad Name", "datasets", List.of("crm-" + run)))
                .post("/api/v1/templates").then().statusCode(400).body("field", equalTo("name"));
        given().contentType("application/json").body(Map.of("name", "t-" + run, "datasets", List.of("crm-" + run)))
                .post("/api/v1/templates").then().statusCode(201);
        given().contentType("application/json").body(Map.of("name", "t-" + run, "datasets", List.of("crm-" + run)))
                .post("/api/v1/templates").then().statusCode(409);
        given().queryParam("at", "yesterday").get("/api/v1/templates/t-" + run + "/point").then().statusCode(400)
                .body("field", equalTo("at"));
    }
}
