package io.strata.catalog.datasets;

import static io.strata.testing.Api.as;
import static io.strata.testing.Api.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

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
import io.strata.contracts.masking.MaskedDatasetChanged;
import io.strata.contracts.masking.MaskingCompleted;
import io.strata.contracts.provisioning.VdbDeleted;
import io.strata.contracts.provisioning.VdbFailed;
import io.strata.contracts.provisioning.VdbReady;
import io.strata.contracts.provisioning.VdbStopped;
import io.strata.contracts.provisioning.VdbView;
import io.strata.contracts.storage.SnapshotCreated;
import io.strata.contracts.storage.SnapshotView;
import io.strata.testing.StrataTestEnvironment;

/**
 * The catalog of datasets built from the services' events; the test plays ingest, masking, provisioning and the
 * snapshot service, and sends some events out of order, as separate topics deliver them.
 */
@QuarkusTest
@WithTestResource(StrataTestEnvironment.class)
class DatasetCatalogTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final Instant LINKED = Instant.parse("2026-12-03T08:00:00Z");

    @Inject
    EventCodec codec;

    private void publish(String service, io.strata.contracts.events.Event event) {
        StrataTestEnvironment.publish(codec, service, event);
    }

    private static VdbView vdb(String id, String name, String status, String parent, String snapshot) {
        return new VdbView(id, name, "postgresql", status, new VdbView.Connection("127.0.0.1", 15432, "app", "app",
                null), parent, snapshot, null, "env-1", Map.of(), null, LINKED, null, "tester");
    }

    @Test
    void aVirtualDatabaseOfAMaskedDatasetShowsItsWholeLineageAndTheSizeOfItsSnapshots() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String source = "src-" + run;
        String masked = "md-" + run;
        String vdb = "vdb-" + run;
        // The masked snapshot is announced before the masked dataset itself, and the source's snapshot size comes
        // from the snapshot service.
        publish(Topics.MASKING, new MaskingCompleted(masked, "clinic-masked-" + run, "snap-s2-" + run, "snap-m2-"
                + run, "rs-1", 3, List.of("names-v2", "emails-v1"), UUID.randomUUID().toString()));
        publish(Topics.INGEST, new SourceChanged(source, "clinic-" + run, "postgresql", "env-1", "LINKING", null,
                null, null, LINKED, LINKED));
        publish(Topics.INGEST, new SourceChanged(source, "clinic-" + run, "postgresql", "env-1", "ACTIVE",
                "snap-s2-" + run, 291_000_000L, null, LINKED, LINKED.plusSeconds(60)));
        publish(Topics.MASKING, new MaskedDatasetChanged(masked, "clinic-masked-" + run, source, "rs-1", "ACTIVE",
                LINKED.plusSeconds(70), LINKED.plusSeconds(70)));
        publish(Topics.PROVISIONING, new VdbReady(vdb(vdb, "tester-" + run, "RUNNING", masked, "snap-m2-" + run),
                "provision"));
        publish(Topics.SNAPSHOT,
                new SnapshotCreated("req-" + run, new SnapshotView("snap-m2-" + run, masked, "vol-1", null,
                        LINKED.plusSeconds(80), null, null, 290_000_000L, 1_000L, Map.of(), List.of(), List.of())));

        await().atMost(PATIENCE).untilAsserted(() -> given().get("/api/v1/catalog/datasets/" + vdb).then()
                .statusCode(200).body("lineage.id", contains(masked, source)).body("lineage[0].sizeBytes",
                        equalTo(290_000_000)));
        given().get("/api/v1/catalog/datasets/" + vdb).then()
                .body("dataset.kind", equalTo("VDB"))
                .body("dataset.status", equalTo("RUNNING"))
                .body("dataset.parent", equalTo(masked))
                .body("dataset.parentSnapshot", equalTo("snap-m2-" + run))
                .body("lineage[0].kind", equalTo("MASKED"))
                .body("lineage[0].ruleset", equalTo("rs-1@v3"))
                .body("lineage[0].keyIds", contains("names-v2", "emails-v1"))
                .body("lineage[0].parentSnapshot", equalTo("snap-s2-" + run))
                .body("lineage[1].kind", equalTo("SOURCE"))
                .body("lineage[1].status", equalTo("ACTIVE"))
                .body("lineage[1].sizeBytes", equalTo(291_000_000));
        given().get("/api/v1/catalog/datasets/clinic-" + run).then().statusCode(200).body("children.id", contains(
                masked));
        given().queryParam("kind", "masked").queryParam("name", "MASKED-" + run).get("/api/v1/catalog/datasets")
                .then().statusCode(200).body("id", contains(masked));
        given().queryParam("parent", masked).get("/api/v1/catalog/datasets").then().body("id", contains(vdb));
        given().get("/api/v1/catalog/datasets/" + vdb).then().body("dataset.owner", equalTo("tester"));

        // Another owner sees the masked dataset and the source, not the tester's virtual database.
        as("developer", "owner").queryParam("parent", masked).get("/api/v1/catalog/datasets").then().statusCode(200)
                .body("id", empty());
        as("developer", "owner").get("/api/v1/catalog/datasets/" + vdb).then().statusCode(404);
        as("developer", "owner").get("/api/v1/catalog/datasets/" + masked).then().statusCode(200).body(
                "children.id", empty());
        as("tester", "owner").queryParam("parent", masked).get("/api/v1/catalog/datasets").then().body("id",
                contains(vdb));
    }

    @Test
    void deletedDatasetsLeaveTheListButStillNameTheLineageOfWhatWasMadeFromThem() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String source = "src-" + run;
        String vdb = "vdb-" + run;
        String failing = "vdb-f-" + run;
        publish(Topics.INGEST, new SourceChanged(source, "orders-" + run, "postgresql", "env-1", "ACTIVE", "snap-1",
                10L, null, LINKED, LINKED));
        publish(Topics.PROVISIONING, new VdbReady(vdb(vdb, "dev-" + run, "RUNNING", source, "snap-1"),
                "provision"));
        publish(Topics.PROVISIONING, new VdbReady(vdb(failing, "qa-" + run, "RUNNING", source, "snap-1"),
                "provision"));
        publish(Topics.PROVISIONING, new VdbFailed(failing, "the engine did not start: port 15432 in use"));
        publish(Topics.PROVISIONING, new VdbStopped(vdb, "dev-" + run));
        publish(Topics.INGEST, new SourceChanged(source, "orders-" + run, "postgresql", "env-1", "DELETED",
                "snap-1", 10L, null, LINKED, LINKED.plusSeconds(5)));

        await().atMost(PATIENCE).untilAsserted(() -> given().get("/api/v1/catalog/datasets/" + failing).then()
                .statusCode(200).body("dataset.status", equalTo("FAILED")));
        await().atMost(PATIENCE).untilAsserted(() -> given().queryParam("name", run).get(
                "/api/v1/catalog/datasets").then().body("id", not(hasItem(source))));
        given().get("/api/v1/catalog/datasets/" + failing).then().body("dataset.error", containsString("port 15432"));
        given().get("/api/v1/catalog/datasets/" + vdb).then().body("dataset.status", equalTo("STOPPED")).body(
                "lineage[0].status", equalTo("DELETED")).body(
                        "lineage[0].name", equalTo("orders-" + run));
        given().queryParam("status", "deleted").queryParam("name", run).get("/api/v1/catalog/datasets").then()
                .body("id", contains(source));

        publish(Topics.PROVISIONING, new VdbDeleted(vdb, "dev-" + run));
        await().atMost(PATIENCE).untilAsserted(() -> given().queryParam("name", run).get(
                "/api/v1/catalog/datasets").then().body("id", contains(failing)));
    }

    @Test
    void aBadFilterIsNamedAndAnUnknownDatasetIs404() {
        given().queryParam("kind", "table").get("/api/v1/catalog/datasets").then().statusCode(400).body("field",
                equalTo("kind")).body("detail", containsString("source, masked or vdb"));
        given().get("/api/v1/catalog/datasets/no-such-dataset").then().statusCode(404);
        given().queryParam("name", "no-such-dataset-" + UUID.randomUUID()).get("/api/v1/catalog/datasets").then()
                .statusCode(200).body("$", empty());
    }
}
