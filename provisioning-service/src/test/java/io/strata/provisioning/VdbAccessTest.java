package io.strata.provisioning;

import static io.strata.testing.Api.as;
import static io.strata.testing.Api.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import io.strata.contracts.catalog.BookmarkCreated;
import io.strata.contracts.catalog.BookmarkPoint;
import io.strata.contracts.catalog.BookmarkSharingChanged;
import io.strata.contracts.catalog.BookmarkView;
import io.strata.contracts.events.EventCodec;
import io.strata.contracts.events.Topics;
import io.strata.contracts.masking.MaskedDatasetChanged;
import io.strata.contracts.storage.SnapshotCreated;
import io.strata.contracts.storage.SnapshotView;
import io.strata.testing.StrataTestEnvironment;
import io.strata.testing.TemporaryHomeResource;

/**
 * Who sees and changes which virtual database: its owner and admins change it and read its credentials, readers only
 * look, other owners do not even see it; a sensitive source's data goes to admins only. The test plays ingest and the
 * snapshot service; no engine starts (the clone is never answered), which is all ownership needs.
 */
@QuarkusTest
@WithTestResource(StrataTestEnvironment.class)
@WithTestResource(TemporaryHomeResource.class)
class VdbAccessTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Inject
    EventCodec codec;

    private static String suffix() {
        return KnownDatasets.suffix();
    }

    /** A dataset with one snapshot provisioning knows of; with {@code sensitive}, a source marked so. */
    private String dataset(String prefix, Boolean sensitive) {
        return KnownDatasets.dataset(codec, prefix, sensitive);
    }

    /** A dataset with one snapshot, which it returns; {@link #dataset} gives the dataset. */
    private String snapshotOf(String dataset) {
        String snapshot = "snap-" + suffix();
        StrataTestEnvironment.publish(codec, Topics.SNAPSHOT, new SnapshotCreated(null, new SnapshotView(snapshot,
                dataset, "vol-" + suffix(), null, Instant.now(), null, null, null, null, Map.of("engine", "files"),
                List.of(), List.of())));
        return snapshot;
    }

    private static io.restassured.response.Response provision(RequestSpecification user, String name,
            String dataset) {
        return user.contentType("application/json").body(Map.of("name", name, "from", Map.of("dataset", dataset)))
                .post("/api/v1/vdbs");
    }

    private static String provisioned(RequestSpecification user, String name, String dataset) {
        await().atMost(PATIENCE).until(() -> provision(user, name, dataset).then().extract().statusCode() != 404);
        return given().get("/api/v1/vdbs/" + name).then().statusCode(200).extract().path("id");
    }

    @Test
    void anOwnerSeesAndChangesOnlyTheirOwnVirtualDatabasesAndReadersOnlyLook() {
        String qa = "qa-" + suffix();
        String dev = "dev-" + suffix();
        String id = provisioned(as(qa, "owner"), "qa-db-" + suffix(), dataset("src", false));

        as(qa, "owner").get("/api/v1/vdbs/" + id).then().statusCode(200).body("owner", equalTo(qa));
        assertThat(as(qa, "owner").get("/api/v1/vdbs").then().statusCode(200).extract().jsonPath()
                .<String>getList("id")).contains(id);
        as(qa, "owner").get("/api/v1/vdbs/" + id + "/credentials").then().statusCode(200).body("password",
                org.hamcrest.Matchers.notNullValue());

        assertThat(as(dev, "owner").get("/api/v1/vdbs").then().statusCode(200).extract().jsonPath()
                .<String>getList("id")).doesNotContain(id);
        as(dev, "owner").get("/api/v1/vdbs/" + id).then().statusCode(404);
        as(dev, "owner").get("/api/v1/vdbs/" + id + "/credentials").then().statusCode(404);
        as(dev, "owner").post("/api/v1/vdbs/" + id + "/stop").then().statusCode(404);
        as(dev, "owner").delete("/api/v1/vdbs/" + id).then().statusCode(404);

        as("viewer", "reader").get("/api/v1/vdbs/" + id).then().statusCode(200);
        as("viewer", "reader").get("/api/v1/vdbs/" + id + "/credentials").then().statusCode(403).body("detail",
                containsString("only its owner or an admin"));
        as("viewer", "reader").post("/api/v1/vdbs/" + id + "/stop").then().statusCode(403).body("detail",
                containsString("needs role owner or admin"));

        given().get("/api/v1/vdbs/" + id + "/credentials").then().statusCode(200);
    }

    @Test
    void aSensitiveSourceIsProvisionedByAdminsOnlyAndItsMaskedDatasetsByEveryone() {
        String sensitive = dataset("src", true);
        String ordinary = dataset("src", false);
        String masked = dataset("md", null);

        await().atMost(PATIENCE).until(() -> provision(as("qa", "owner"), "leak-" + suffix(), sensitive).then()
                .extract().statusCode() != 404);
        provision(as("qa", "owner"), "leak-" + suffix(), sensitive).then().statusCode(403)
                .body("detail", containsString("sensitive source 'crm-" + sensitive + "'"))
                .body("detail", containsString("masked datasets"));
        provisioned(as("qa", "owner"), "masked-" + suffix(), masked);
        provisioned(as("qa", "owner"), "plain-" + suffix(), ordinary);
        String adminsCopy = provisioned(given(), "prod-copy-" + suffix(), sensitive);

        // Through a snapshot of a VDB of the sensitive source, the data is just as sensitive.
        StrataTestEnvironment.publish(codec, Topics.SNAPSHOT, new SnapshotCreated(null, new SnapshotView("snap-"
                + suffix(), adminsCopy, "vol-" + suffix(), null, Instant.now(), null, null, null, null,
                Map.of(
                        "engine", "files"),
                List.of(), List.of())));
        await().atMost(PATIENCE).until(() -> provision(as("qa", "owner"), "second-hand-" + suffix(), adminsCopy)
                .then().extract().statusCode() != 404);
        provision(as("qa", "owner"), "second-hand-" + suffix(), adminsCopy).then().statusCode(403).body("detail",
                containsString("through " + adminsCopy));
    }

    @Test
    void aBookmarkIsProvisionedFromByItsOwnerAndThoseItIsSharedWithOnly() {
        String qa = "qa-" + suffix();
        String dev = "dev-" + suffix();
        String dataset = "src-" + suffix();
        String bookmark = "bm-" + suffix();
        BookmarkView view = new BookmarkView(bookmark, bookmark, List.of(new BookmarkPoint(dataset, snapshotOf(
                dataset))), List.of(), false, null, Instant.now(), "READY", null, null, qa, List.of(), null);
        StrataTestEnvironment.publish(codec, Topics.CATALOG, new BookmarkCreated(view));
        await().atMost(PATIENCE).until(() -> as(qa, "owner").contentType("application/json").body(Map.of("name",
                "qa-" + suffix(), "from", Map.of("bookmark", bookmark))).post("/api/v1/vdbs").then().extract()
                .statusCode() == 202);

        // Not shared: to another owner it does not exist.
        as(dev, "owner").contentType("application/json").body(Map.of("name", "dev-" + suffix(), "from", Map.of(
                "bookmark", bookmark))).post("/api/v1/vdbs").then().statusCode(404);
        StrataTestEnvironment.publish(codec, Topics.CATALOG, new BookmarkSharingChanged(new BookmarkView(bookmark,
                bookmark, view.points(), List.of(), false, null, view.createdAt(), "READY", null, null, qa, List.of(
                        dev),
                null)));
        await().atMost(PATIENCE).until(() -> as(dev, "owner").contentType("application/json").body(Map.of("name",
                "dev-" + suffix(), "from", Map.of("bookmark", bookmark))).post("/api/v1/vdbs").then().extract()
                .statusCode() == 202);

        // Unshared again: gone for them once more.
        StrataTestEnvironment.publish(codec, Topics.CATALOG, new BookmarkSharingChanged(view));
        await().atMost(PATIENCE).until(() -> as(dev, "owner").contentType("application/json").body(Map.of("name",
                "dev-" + suffix(), "from", Map.of("bookmark", bookmark))).post("/api/v1/vdbs").then().extract()
                .statusCode() == 404);
    }

    @Test
    void aSourceOrAMaskedDatasetMayBeNamedInsteadOfItsId() {
        String source = dataset("src", false);
        String maskedId = dataset("md", null);
        String maskedName = "clinic-masked-" + suffix();
        Instant now = Instant.now();
        StrataTestEnvironment.publish(codec, Topics.MASKING, new MaskedDatasetChanged(maskedId, maskedName, source,
                "rs-1", "ACTIVE", now, now));

        String fromSource = provisioned(given(), "by-source-name-" + suffix(), "crm-" + source);
        String fromMasked = provisioned(given(), "by-masked-name-" + suffix(), maskedName);

        given().get("/api/v1/vdbs/" + fromSource).then().body("parent", equalTo(source));
        given().get("/api/v1/vdbs/" + fromMasked).then().body("parent", equalTo(maskedId));
        provision(given(), "by-no-name-" + suffix(), "no-such-dataset").then().statusCode(404).body("detail",
                containsString("no-such-dataset"));
    }
}
