package io.strata.it;

import static io.strata.testing.Api.given;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import io.strata.testing.ServiceProcess;

/** A source's snapshots through the services' APIs, for the tests that make and delete them. */
final class Snapshots {

    private Snapshots() {
    }

    /** Syncs the source; returns the new snapshot's id once the source's timeline holds {@code count} snapshots. */
    static String sync(ServiceProcess ingest, ServiceProcess snapshot, String sourceId, int count,
            Duration patience) {
        Jobs.awaitEnd(ingest, given().baseUri(ingest.baseUrl()).post("/api/v1/sources/" + sourceId + "/sync")
                .then().statusCode(202).extract().path("jobId"), "SUCCEEDED", patience);
        return await().atMost(patience).until(() -> ids(snapshot, sourceId), ids -> ids.size() == count).get(
                count - 1);
    }

    /** The ids of the dataset's snapshots, oldest first. */
    static List<String> ids(ServiceProcess snapshot, String datasetId) {
        return given().baseUri(snapshot.baseUrl()).get("/api/v1/datasets/" + datasetId + "/timeline").then()
                .statusCode(200).extract().jsonPath().getList("snapshots.id", String.class);
    }

    /** Deletes a snapshot once nothing uses it: a clone deleted by an event keeps it in use (409) until then. */
    static void deleteWhenUnused(ServiceProcess snapshot, String snapshotId, Duration patience) {
        await().atMost(patience).until(() -> given().baseUri(snapshot.baseUrl()).delete("/api/v1/snapshots/"
                + snapshotId).then().extract().statusCode() == 202);
    }
}
