package io.strata.it;

import static io.strata.testing.Api.anonymous;
import static io.strata.testing.Api.withToken;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import io.strata.testing.PostgresCluster;
import io.strata.testing.RoutedServices;
import io.strata.testing.ServiceProcess;
import io.strata.testing.StrataHome;

/**
 * The web console in a real browser (Debian's headless Chromium through chromedriver), against the services behind
 * the router: QA signs in, makes a data pod of the clinic, bookmarks it, a destructive change wipes a table (through
 * JDBC), QA resets in the browser and the rows are back, then shares the bookmark with the developer, who opens it and
 * makes a private pod of it that runs with QA's rows (QA has branched meanwhile); a reader sees the pod but no
 * action; an admin sees the storage report and the masked dataset's last verification. Screenshots of the pod page (desktop and phone) and of the admin pages land in
 * {@code integration-tests/target/screenshots/}.
 */
class WebConsoleIT {

    private static final Duration PATIENCE = Duration.ofSeconds(180);
    private static final Path SCREENSHOTS = ServiceProcess.repositoryRoot().resolve(
            "integration-tests/target/screenshots");
    private static final Dimension DESKTOP = new Dimension(1280, 800);
    private static final Dimension PHONE = new Dimension(390, 844);
    private static final By OUTCOME = By.cssSelector("#activity [data-outcome]");

    private static StrataHome home;
    private static PostgresCluster clinic;
    private static RoutedServices services;
    private static ChromeDriver browser;

    @BeforeAll
    static void start() throws IOException {
        home = StrataHome.create();
        clinic = ClinicSource.start("first visit");
        services = RoutedServices.start(home, 20, true);
        Files.createDirectories(SCREENSHOTS);
        for (String leftOver : List.of("failure.png", "failure.html")) {
            Files.deleteIfExists(SCREENSHOTS.resolve(leftOver));
        }
        System.setProperty("webdriver.chrome.driver", "/usr/bin/chromedriver");
        ChromeOptions options = new ChromeOptions().setBinary("/usr/bin/chromium").addArguments("--headless=new",
                "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,800", "--lang=en-GB");
        browser = new ChromeDriver(new ChromeDriverService.Builder().withLogFile(SCREENSHOTS.resolve(
                "chromedriver.log").toFile()).build(), options);
        viewport(DESKTOP);
    }

    @AfterAll
    static void stop() {
        try {
            if (browser != null) {
                browser.quit();
            }
        } finally {
            Teardown.of(home, clinic, services == null ? new ServiceProcess[0] : services.processes());
        }
    }

    @Test
    void qaResetsADestructiveChangeAndSharesTheBookmarkWhichTheDeveloperMakesAPodOf() throws Exception {
        try {
            String admin = prepare();
            String qaVdb = qaMakesAPodBookmarksAndResets();
            qaBranchesAndSharesTheBookmark(qaVdb);
            developerMakesAPodOfTheSharedBookmark();
            aReaderSeesNoAction();
            anAdminSeesTheStorageReport(admin);
        } catch (Exception | AssertionError e) {
            screenshot("failure");
            Files.writeString(SCREENSHOTS.resolve("failure.html"), browser.getPageSource());
            throw e;
        }
    }

    /** As admin, through the API: the users, the clinic linked, a template of it; admin's token. */
    private static String prepare() {
        String admin = token("admin", ServiceProcess.ADMIN_PASSWORD);
        for (List<String> user : List.of(List.of("qa", "owner"), List.of("dev", "owner"), List.of("reader",
                "reader"))) {
            api(admin).body(Map.of("username", user.get(0), "password", password(user.get(0)), "roles", List.of(user
                    .get(1)))).post("/api/v1/users").then().statusCode(201);
        }
        JsonPath linked = api(admin).body(Map.of("name", "clinic", "engine", "postgresql", "connection", Map.of(
                "host", "127.0.0.1", "port", clinic.port(), "database", "clinic", "user", "app", "password", "ap")))
                .post("/api/v1/sources").then().statusCode(202).extract().jsonPath();
        awaitJob(admin, linked.getString("jobId"));
        api(admin).body(Map.of("name", "clinic-app", "datasets", List.of(linked.getString("id"))))
                .post("/api/v1/templates").then().statusCode(201);
        String ruleset = api(admin).body(Map.of("name", "notes", "rules", List.of(Map.of("table", "visits", "column",
                "note", "algorithm", "fixed", "params", Map.of("value", "a visit"))))).post("/api/v1/rulesets")
                .then().statusCode(201).extract().path("id");
        awaitJob(admin, api(admin).body(Map.of("name", "clinic-masked", "source", linked.getString("id"), "ruleset",
                ruleset)).post("/api/v1/masked-datasets").then().statusCode(202).extract().path("jobId"));
        await().atMost(PATIENCE).untilAsserted(() -> api(admin).get("/api/v1/templates/clinic-app/point").then()
                .statusCode(200));
        return admin;
    }

    /** QA's pod made, bookmarked, wiped by a test and reset, all in the browser but the wiping; QA's VDB. */
    private static String qaMakesAPodBookmarksAndResets() throws SQLException {
        signIn("qa");
        visible(By.cssSelector("#pod-template option[value='clinic-app']"));
        type(By.id("pod-name"), "qa-pod");
        act(By.cssSelector("[data-action='create-pod']"), "Create pod qa-pod done.");
        visible(By.xpath("//h1[text()='Data pod qa-pod']"));
        awaitText(By.cssSelector(".facts"), "READY");
        String qa = token("qa", password("qa"));
        String vdb = api(qa).get("/api/v1/datapods/qa-pod").then().statusCode(200).extract().path("vdbs[0].vdbId");
        execute(qa, vdb, "insert into visits (note) values ('edge case')");
        assertThat(notes(qa, vdb)).isEqualTo("first visit|edge case");

        type(By.cssSelector("form[data-form='bookmark'] input"), "bug-4711");
        act(By.cssSelector("form[data-form='bookmark'] button"), "Bookmark bug-4711 done.");
        await().atMost(PATIENCE).untilAsserted(() -> api(qa).get("/api/v1/bookmarks/bug-4711").then().statusCode(200)
                .extract().path("status").equals("READY"));
        awaitText(By.cssSelector(".timeline"), "bug-4711");

        execute(qa, vdb, "delete from visits");
        assertThat(notes(qa, vdb)).isEmpty();
        act(By.cssSelector("[data-action='reset']"), "Reset of qa-pod done.");
        assertThat(notes(qa, vdb)).as("the reset brings back the bookmark's rows").isEqualTo(
                "first visit|edge case");
        return vdb;
    }

    /**
     * QA branches from the bookmark and activates the branch, sees how to connect, reveals the password on demand,
     * and shares the bookmark with the developer.
     */
    private static void qaBranchesAndSharesTheBookmark(String vdb) {
        type(By.cssSelector("form[data-form='branch'] input"), "fix-4711");
        act(By.cssSelector("form[data-form='branch'] button"), "Branch fix-4711 done.");
        click(By.cssSelector("form[data-form='activate'] option[value='fix-4711']"));
        act(By.cssSelector("form[data-form='activate'] button"), "Activation of fix-4711 done.");
        awaitText(By.cssSelector(".timeline"), "fix-4711 (active)");
        String qa = token("qa", password("qa"));
        JsonPath view = api(qa).get("/api/v1/vdbs/" + vdb).then().statusCode(200).extract().jsonPath();
        assertThat(visible(By.cssSelector("code.command")).getText()).isEqualTo(String.format(
                "psql \"host=%s port=%d dbname=%s user=%s\"", view.getString("connection.host"), view.getInt(
                        "connection.port"),
                view.getString("connection.database"), view.getString(
                        "connection.user")));
        assertThat(browser.findElements(By.cssSelector("code.password"))).as("no password before it is asked for")
                .isEmpty();
        screenshot("pod-page");
        viewport(PHONE);
        await().atMost(PATIENCE).until(() -> Double.parseDouble(visible(By.cssSelector(".timeline svg")).getAttribute(
                "width")) <= PHONE.getWidth());
        screenshot("pod-page-phone");
        viewport(DESKTOP);

        click(By.cssSelector("[data-reveal]"));
        String password = api(qa).get("/api/v1/vdbs/" + vdb + "/credentials").then().extract().path("password");
        awaitText(By.cssSelector("code.password"), password);
        click(By.cssSelector("form[data-form='share'] option[value='dev']"));
        act(By.cssSelector("form[data-form='share'] button"), "Share of bug-4711 with dev done.");
        assertThat(browser.getCurrentUrl()).doesNotContain(password).doesNotContain(password("qa"));
        bookmarksOnBothBranches();
        signOut();
    }

    /**
     * QA bookmarks on fix-4711, goes back to main, bookmarks there and activates fix-4711 again: each bookmark stays on
     * the line of the branch it was made on, which the times of entering and leaving branches alone would not tell.
     */
    private static void bookmarksOnBothBranches() {
        type(By.cssSelector("form[data-form='bookmark'] input"), "on-fix-4711");
        act(By.cssSelector("form[data-form='bookmark'] button"), "Bookmark on-fix-4711 done.");
        click(By.cssSelector("form[data-form='activate'] option[value='main']"));
        act(By.cssSelector("form[data-form='activate'] button"), "Activation of main done.");
        type(By.cssSelector("form[data-form='bookmark'] input"), "on-main-4711");
        act(By.cssSelector("form[data-form='bookmark'] button"), "Bookmark on-main-4711 done.");
        click(By.cssSelector("form[data-form='activate'] option[value='fix-4711']"));
        act(By.cssSelector("form[data-form='activate'] button"), "Activation of fix-4711 done.");
        awaitText(By.cssSelector(".timeline"), "fix-4711 (active)");
        Map<String, String> lines = Map.of("bug-4711", "main", "on-fix-4711", "fix-4711", "on-main-4711", "main");
        await().atMost(PATIENCE).ignoreExceptions().untilAsserted(() -> lines.forEach((bookmark, branch) -> assertThat(
                browser.findElement(By.cssSelector(".timeline g.bookmark[aria-label^='bookmark " + bookmark + ",']"))
                        .getAttribute("data-branch"))
                .as("the line of " + bookmark).isEqualTo(branch)));
    }

    /** The developer finds the bookmark shared with them, makes a pod of it, and its database has QA's rows. */
    private static void developerMakesAPodOfTheSharedBookmark() throws SQLException {
        signIn("dev");
        visible(By.linkText("bug-4711"));
        screenshot("home-page");
        click(By.linkText("bug-4711"));
        awaitText(By.cssSelector(".facts"), "qa");
        // A name in use: the API's problem says so, and what to do.
        type(By.id("from-bookmark-name"), "qa-pod");
        assertThat(outcome(By.cssSelector("[data-action='pod-from-bookmark']"))).isEqualTo("error");
        assertThat(browser.findElement(OUTCOME).getText()).contains("A data pod named qa-pod exists already");
        type(By.id("from-bookmark-name"), "dev-pod");
        act(By.cssSelector("[data-action='pod-from-bookmark']"), "Create pod dev-pod from bug-4711 done.");
        visible(By.xpath("//h1[text()='Data pod dev-pod']"));
        String dev = token("dev", password("dev"));
        String vdb = api(dev).get("/api/v1/datapods/dev-pod").then().statusCode(200).extract().path("vdbs[0].vdbId");
        awaitText(By.cssSelector(".scroll"), "RUNNING");
        assertThat(notes(dev, vdb)).isEqualTo("first visit|edge case");
        signOut();
    }

    /** A reader sees QA's pod, its databases and timeline, and not one button that would change it. */
    private static void aReaderSeesNoAction() {
        signIn("reader");
        browser.get(services.router().baseUrl() + "/#/pods/qa-pod");
        awaitText(By.cssSelector(".facts"), "READY");
        awaitText(By.cssSelector(".timeline"), "bug-4711");
        assertThat(browser.findElements(By.cssSelector("[data-action], [data-reveal], form[data-form]"))).isEmpty();
        browser.get(services.router().baseUrl() + "/#/");
        visible(By.linkText("qa-pod"));
        assertThat(browser.findElements(By.cssSelector("[data-action]"))).isEmpty();
        signOut();
    }

    /** The admin pages: storage (its chart and savings), then the jobs, sources and audit log. */
    private static void anAdminSeesTheStorageReport(String admin) {
        signIn("admin");
        browser.get(services.router().baseUrl() + "/#/admin/storage");
        visible(By.cssSelector(".chart svg rect.used"));
        awaitText(By.cssSelector("main"), "qa-pod");
        assertThat(visible(By.cssSelector("[data-savings]")).getText()).endsWith("×");
        screenshot("storage-page");
        browser.get(services.router().baseUrl() + "/#/admin/masked");
        awaitText(By.cssSelector("main table"), "VERIFIED");
        assertThat(browser.findElement(By.cssSelector("main table")).getText()).contains("clinic-masked", "clinic",
                "notes");
        screenshot("masked-page");
        for (String page : List.of("sources", "jobs", "audit", "users")) {
            browser.get(services.router().baseUrl() + "/#/admin/" + page);
            visible(By.cssSelector(page.equals("users") ? "main details.user" : "main table"));
            screenshot(page + "-page");
        }
    }

    private static void signIn(String user) {
        browser.get(services.router().baseUrl() + "/");
        type(By.id("username"), user);
        // By keyboard: Enter in the password field signs in.
        type(By.id("password"), password(user) + Keys.ENTER);
        awaitText(By.id("who"), user);
        assertThat(browser.getCurrentUrl()).doesNotContain(password(user));
    }

    private static void signOut() {
        click(By.cssSelector("[data-nav='sign-out']"));
        visible(By.id("username"));
    }

    /** Clicks what starts an operation and waits for its end, which must be the success message given. */
    private static void act(By control, String success) {
        String kind = outcome(control);
        assertThat(browser.findElement(OUTCOME).getText()).as("message of kind " + kind).startsWith(success);
    }

    /** Clicks what starts an operation and waits for its end; whether it ended ok or in an error. */
    private static String outcome(By control) {
        click(control);
        await().atMost(PATIENCE).ignoreExceptions().until(() -> !browser.findElement(OUTCOME).getAttribute(
                "data-outcome").equals("running"));
        return browser.findElement(OUTCOME).getAttribute("data-outcome");
    }

    /**
     * Clicks what {@code by} finds once it shows, finding it again when the page redrew it in between (each region
     * redraws itself when its data changes, which leaves an element found before stale).
     */
    private static void click(By by) {
        await().atMost(PATIENCE).ignoreExceptions().until(() -> {
            WebElement element = browser.findElement(by);
            if (!element.isDisplayed()) {
                return false;
            }
            element.click();
            return true;
        });
    }

    private static WebElement visible(By by) {
        return await().atMost(PATIENCE).ignoreExceptions().until(() -> browser.findElement(by),
                WebElement::isDisplayed);
    }

    private static void awaitText(By by, String text) {
        await().atMost(PATIENCE).ignoreExceptions().untilAsserted(() -> assertThat(browser.findElement(by).getText())
                .contains(text));
    }

    private static void type(By by, String text) {
        WebElement input = visible(by);
        input.clear();
        input.sendKeys(text);
    }

    /** The whole page at the window's width, not only what the window shows. */
    private static void screenshot(String name) {
        Number height = (Number) browser.executeScript("return document.documentElement.scrollHeight");
        Number width = (Number) browser.executeScript("return window.innerWidth");
        Map<String, Object> shot = browser.executeCdpCommand("Page.captureScreenshot", Map.of("format", "png",
                "captureBeyondViewport", true, "clip",
                Map.of("x", 0, "y", 0, "width", width.intValue(), "height", height
                        .intValue(), "scale", 1)));
        try {
            Files.write(SCREENSHOTS.resolve(name + ".png"), Base64.getDecoder().decode((String) shot.get("data")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The page's size in CSS pixels (the browser window is larger by its frame); a phone's is a mobile one. */
    private static void viewport(Dimension size) {
        browser.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", size.getWidth(), "height",
                size.getHeight(), "deviceScaleFactor", 1, "mobile", size.getWidth() < 600));
    }

    private static String password(String user) {
        return user.equals("admin") ? ServiceProcess.ADMIN_PASSWORD : user + "-password-1";
    }

    private static RequestSpecification api(String token) {
        return withToken(token).baseUri(services.router().baseUrl()).contentType("application/json");
    }

    private static String token(String user, String password) {
        return anonymous().baseUri(services.router().baseUrl()).contentType("application/json").body(Map.of(
                "username", user, "password", password)).post("/api/v1/auth/token").then().statusCode(200).extract()
                .path("token");
    }

    private static void awaitJob(String token, String job) {
        Jobs.awaitEnd(() -> api(token), job, "SUCCEEDED", PATIENCE);
    }

    /** The notes of the clinic's visits in the VDB, in order, joined by |. */
    private static String notes(String token, String vdb) throws SQLException {
        return new VdbSql(services.router().baseUrl(), token, vdb).text(
                "select coalesce(string_agg(note, '|' order by id), '') from visits");
    }

    private static void execute(String token, String vdb, String sql) throws SQLException {
        new VdbSql(services.router().baseUrl(), token, vdb).execute(sql);
    }
}
