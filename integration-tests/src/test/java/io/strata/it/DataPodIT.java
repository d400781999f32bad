package io.strata.it;

import static io.strata.testing.Api.anonymous;
import static io.strata.testing.Api.withToken;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import io.strata.testing.PostgresCluster;
import io.strata.testing.RoutedServices;
import io.strata.testing.ServiceProcess;
import io.strata.testing.StrataHome;

/**
 * The two stories on real services, through the router as two signed-in users: QA adds edge-case rows to the data
 * pod's database, bookmarks, deletes every row, resets (the rows are back), undoes the reset (the table is empty
 * again); the developer sees neither QA's pod nor its bookmark nor its database's credentials; QA shares the bookmark
 * and the developer makes a private pod of it, sees the rows and changes them while QA's pod stays as it was; once the
 * source is sensitive, the developer can neither provision from it nor get its unmasked data through a bookmark; a
 * branch made from the bookmark keeps its own state, and activating one or the other swaps the data under the same
 * connection; the developer's pod refreshes to the template's data; QA restores the pod to a moment between two
 * writes; deleting the pods leaves no virtual database.
 */
class DataPodIT {

    private static final Duration PATIENCE = Duration.ofSeconds(180);

    private static StrataHome home;
    private static PostgresCluster production;
    private static RoutedServices services;
    private static ServiceProcess router;

    @BeforeAll
    static void start() {
        home = StrataHome.create();
        production = PostgresCluster.start(Map.of());
        production.execute("postgres", "create database shop", "create role app login replication password 'ap'");
        production.execute("shop", "create table items (id serial primary key, name text not null)",
                "insert into items (name) values ('chair'), ('table')", "grant all on items to app",
                "grant all on sequence items_id_seq to app", "grant execute on function pg_switch_wal() to app");
        services = RoutedServices.start(home, 40);
        router = services.router();
    }

    @AfterAll
    static void stop() {
        Teardown.of(home, production, services == null ? new ServiceProcess[0] : services.processes());
    }

    /** A request through the router, as the holder of {@code token}. */
    private static RequestSpecification api(String token) {
        return withToken(token).baseUri(router.baseUrl()).contentType("application/json");
    }

    private static String signIn(String username, String password) {
        return anonymous().baseUri(router.baseUrl()).contentType("application/json").body(Map.of("username",
                username, "password", password)).post("/api/v1/auth/token").then().statusCode(200).extract().path(
                        "token");
    }

    private static void awaitJob(String token, String jobId) {
        Jobs.awaitEnd(() -> api(token), jobId, "SUCCEEDED", PATIENCE);
    }

    /** Runs a pod operation as {@code token}'s user and waits for it. */
    private static void podOperation(String token, String pod, String operation) {
        awaitJob(token, api(token).post("/api/v1/datapods/" + pod + "/" + operation).then().statusCode(202)
                .extract().path("jobId"));
    }

    private static void execute(String token, String vdb, String sql) throws SQLException {
        new VdbSql(router.baseUrl(), token, vdb).execute(sql);
    }

    private static String names(String token, String vdb) throws SQLException {
        return new VdbSql(router.baseUrl(), token, vdb).text(
                "select coalesce(string_agg(name, '|' order by id), '') from items");
    }

    @Test
    void qaBookmarksResetsAndUndoesThenSharesTheBugWithTheDeveloperWhoGetsAPrivateCopy() throws Exception {
        String admin = signIn("admin", ServiceProcess.ADMIN_PASSWORD);
        for (String user : List.of("qa", "dev")) {
            api(admin).body(Map.of("username", user, "password", user + "-password-1", "roles", List.of("owner")))
                    .post("/api/v1/users").then().statusCode(201);
        }
        String qa = signIn("qa", "qa-password-1");
        String dev = signIn("dev", "dev-password-1");

        JsonPath linked = api(admin).body(Map.of("name", "shop", "engine", "postgresql", "connection", Map.of("host",
                "127.0.0.1", "port", production.port(), "database", "shop", "user", "app", "password", "ap")))
                .post("/api/v1/sources").then().statusCode(202).extract().jsonPath();
        awaitJob(admin, linked.getString("jobId"));
        String source = linked.getString("id");
        api(admin).body(Map.of("name", "shop-app", "datasets", List.of(source))).post("/api/v1/templates").then()
                .statusCode(201);
        await().atMost(PATIENCE).untilAsserted(() -> api(admin).get("/api/v1/templates/shop-app/point").then()
                .statusCode(200));

        awaitJob(qa, api(qa).body(Map.of("name", "qa-pod", "template", "shop-app")).post("/api/v1/datapods").then()
                .statusCode(202).extract().path("jobId"));
        String vdb = api(qa).get("/api/v1/datapods/qa-pod").then().statusCode(200).body("status", equalTo("READY"))
                .extract().path("vdbs[0].vdbId");
        assertThat(names(qa, vdb)).isEqualTo("chair|table");

        // QA adds the rows of a bug report and bookmarks them.
        execute(qa, vdb, "insert into items (name) values ('-1'), ('deleted'), ('''')");
        String bookmarkJob = api(qa).body(Map.of("name", "bug-4711", "tags", List.of("bug")))
                .post("/api/v1/datapods/qa-pod/bookmarks").then().statusCode(202).extract().path("jobId");
        awaitJob(qa, bookmarkJob);
        await().atMost(PATIENCE).untilAsserted(() -> api(qa).get("/api/v1/bookmarks/bug-4711").then().statusCode(200)
                .body("status", equalTo("READY")));
        String bugRows = "chair|table|-1|deleted|'";
        assertThat(names(qa, vdb)).isEqualTo(bugRows);

        // The destructive test; reset brings back the bookmark; undo brings back what the test left.
        execute(qa, vdb, "delete from items");
        assertThat(names(qa, vdb)).isEmpty();
        podOperation(qa, "qa-pod", "reset");
        assertThat(names(qa, vdb)).isEqualTo(bugRows);
        podOperation(qa, "qa-pod", "undo");
        assertThat(names(qa, vdb)).isEmpty();
        awaitJob(qa, api(qa).body(Map.of("bookmark", "bug-4711")).post("/api/v1/datapods/qa-pod/restore").then()
                .statusCode(202).extract().path("jobId"));
        assertThat(names(qa, vdb)).isEqualTo(bugRows);

        // The developer sees none of QA's things and gets no unmasked production data.
        api(dev).get("/api/v1/datapods/qa-pod").then().statusCode(404);
        api(dev).get("/api/v1/bookmarks/bug-4711").then().statusCode(404);
        api(dev).get("/api/v1/vdbs/" + vdb + "/credentials").then().statusCode(404);

        String devVdb = developersPrivateCopy(qa, dev, vdb, bugRows);

        api(admin).body(Map.of("sensitive", true)).put("/api/v1/sources/" + source + "/sensitive").then()
                .statusCode(200).body("sensitive", equalTo(true));
        await().atMost(PATIENCE).untilAsserted(() -> api(dev).body(Map.of("name", "dev-copy", "from", Map.of(
                "dataset", source))).post("/api/v1/vdbs").then().statusCode(403).body("detail", containsString(
                        "sensitive source 'shop'")));
        await().atMost(PATIENCE).untilAsserted(() -> api(dev).body(Map.of("name", "dev-pod-2", "template",
                "shop-app")).post("/api/v1/datapods").then().statusCode(403));
        api(qa).post("/api/v1/bookmarks/bug-4711/share").then().statusCode(400).body("detail", containsString(
                "sensitive"));
        api(dev).body(Map.of("name", "dev-pod-3", "fromBookmark", "bug-4711")).post("/api/v1/datapods").then()
                .statusCode(403);

        // A branch from the bug's bookmark: each branch keeps its own state under the same connection.
        execute(qa, vdb, "delete from items where name = 'deleted'");
        api(qa).body(Map.of("name", "fix-4711", "fromBookmark", "bug-4711")).post("/api/v1/datapods/qa-pod/branches")
                .then().statusCode(201);
        podOperation(qa, "qa-pod", "branches/fix-4711/activate");
        assertThat(names(qa, vdb)).isEqualTo(bugRows);
        execute(qa, vdb, "insert into items (name) values ('fixed')");
        podOperation(qa, "qa-pod", "branches/main/activate");
        assertThat(names(qa, vdb)).isEqualTo("chair|table|-1|'");
        podOperation(qa, "qa-pod", "branches/fix-4711/activate");
        assertThat(names(qa, vdb)).isEqualTo(bugRows + "|fixed");

        // Stopped, the pod keeps its data; started again, the same connection finds it.
        podOperation(qa, "qa-pod", "stop");
        api(qa).get("/api/v1/datapods/qa-pod").then().body("status", equalTo("STOPPED"));
        api(qa).post("/api/v1/datapods/qa-pod/reset").then().statusCode(409);
        podOperation(qa, "qa-pod", "start");
        assertThat(names(qa, vdb)).isEqualTo(bugRows + "|fixed");

        restoreToAMomentBetweenTwoWrites(qa, vdb, bugRows + "|fixed");

        // Deleting the pods leaves no virtual database.
        awaitJob(dev, api(dev).delete("/api/v1/datapods/dev-pod").then().statusCode(202).extract().path("jobId"));
        awaitJob(qa, api(qa).delete("/api/v1/datapods/qa-pod").then().statusCode(202).extract().path("jobId"));
        api(admin).get("/api/v1/vdbs/" + devVdb).then().statusCode(404);
        api(admin).get("/api/v1/vdbs/" + vdb).then().statusCode(404);
        api(qa).get("/api/v1/datapods/qa-pod").then().statusCode(404);
    }

    /**
     * QA shares the bug's bookmark; the developer makes a private pod of it and changes it while QA's stays as it
     * is, refreshes it and undoes that, and puts it back on QA's bookmark; returns the developer's VDB.
     */
    private static String developersPrivateCopy(String qa, String dev, String vdb, String bugRows) throws Exception {
        api(qa).body(Map.of("users", List.of("dev"))).post("/api/v1/bookmarks/bug-4711/share").then().statusCode(200);
        api(dev).get("/api/v1/bookmarks/bug-4711").then().statusCode(200);
        awaitJob(dev, api(dev).body(Map.of("name", "dev-pod", "fromBookmark", "bug-4711")).post("/api/v1/datapods")
                .then().statusCode(202).extract().path("jobId"));
        String devVdb = api(dev).get("/api/v1/datapods/dev-pod").then().statusCode(200).extract().path(
                "vdbs[0].vdbId");
        assertThat(names(dev, devVdb)).isEqualTo(bugRows);
        execute(dev, devVdb, "delete from items where name = '-1'");
        assertThat(names(dev, devVdb)).isEqualTo("chair|table|deleted|'");
        assertThat(names(qa, vdb)).isEqualTo(bugRows);
        api(qa).get("/api/v1/vdbs/" + devVdb).then().statusCode(404);
        // Refreshed, the developer's pod takes the template's newest data; undone, the bug's data is back.
        podOperation(dev, "dev-pod", "refresh");
        assertThat(names(dev, devVdb)).isEqualTo("chair|table");
        podOperation(dev, "dev-pod", "undo");
        assertThat(names(dev, devVdb)).isEqualTo("chair|table|deleted|'");
        // Pods of one template share bookmarks: the developer's pod goes back onto QA's shared one.
        awaitJob(dev, api(dev).body(Map.of("bookmark", "bug-4711")).post("/api/v1/datapods/dev-pod/restore").then()
                .statusCode(202).extract().path("jobId"));
        assertThat(names(dev, devVdb)).isEqualTo(bugRows);
        return devVdb;
    }

    /** Restored to a moment of its timeline, the pod has what was written before it and not what came after. */
    private static void restoreToAMomentBetweenTwoWrites(String qa, String vdb, String rows) throws Exception {
        execute(qa, vdb, "insert into items (name) values ('before')");
        Instant moment = VirtualDatabaseIT.clockPast(Instant.now().plusMillis(500));
        VirtualDatabaseIT.clockPast(moment.plusMillis(500));
        execute(qa, vdb, "insert into items (name) values ('after')");
        awaitJob(qa, api(qa).body(Map.of("timestamp", moment.toString())).post("/api/v1/datapods/qa-pod/restore")
                .then().statusCode(202).extract().path("jobId"));
        assertThat(names(qa, vdb)).isEqualTo(rows + "|before");
        execute(qa, vdb, "delete from items");
        podOperation(qa, "qa-pod", "reset");
        assertThat(names(qa, vdb)).as("a reset comes back to the moment").isEqualTo(rows + "|before");
        api(qa).body(Map.of("timestamp", moment.toString())).post("/api/v1/datapods/qa-pod/restore").then()
                .statusCode(400).body("detail", containsString("outside data pod qa-pod's timeline"));
    }
}
