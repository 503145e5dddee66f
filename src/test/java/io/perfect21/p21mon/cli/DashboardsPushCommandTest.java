package io.perfect21.p21mon.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.perfect21.p21mon.Json;
import io.perfect21.p21mon.testing.Cli;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code dashboards push} against MockWebServer answering as Grafana's dashboard API documents: GET
 * /api/dashboards/uid/UID (200 with dashboard and meta, 404), POST /api/dashboards/db (200, 401, 403, 412 with
 * status version-mismatch, name-exists, plugin-dashboard).
 */
class DashboardsPushCommandTest {
    private static final String TOKEN = "glsa_secret_token_123";

    @TempDir
    Path dir;

    MockWebServer grafana;

    @BeforeEach
    void start() throws Exception {
        grafana = new MockWebServer();
        grafana.start();
    }

    @AfterEach
    void stop() {
        grafana.close();
    }

    private static MockResponse json(int code, String body) {
        return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json").body(body).build();
    }

    private static final MockResponse NOT_FOUND = json(404, "{\"message\":\"Dashboard not found\"}");

    private Cli.Result push(String... more) {
        String[] args = new String[4 + more.length];
        args[0] = "dashboards";
        args[1] = "push";
        args[2] = "--grafana";
        args[3] = grafana.url("/").toString();
        System.arraycopy(more, 0, args, 4, more.length);
        return Cli.in(dir).env("GRAFANA_TOKEN", TOKEN).run(args);
    }

    private RecordedRequest take() throws InterruptedException {
        return grafana.takeRequest(5, TimeUnit.SECONDS);
    }

    @Test
    void createsANewDashboardInTheGivenFolderWithAMessage() throws Exception {
        grafana.enqueue(NOT_FOUND);
        grafana.enqueue(json(200, "{\"id\":7,\"uid\":\"p21mon-overview\",\"url\":\"/d/p21mon-overview/p21mon-overview\","
                + "\"status\":\"success\",\"version\":1,\"slug\":\"p21mon-overview\"}"));
        Cli.Result r = push("--only", "overview", "--folder", "ops");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).contains("p21mon-overview", "created", "ops", "/d/p21mon-overview/p21mon-overview");
        RecordedRequest get = take();
        assertThat(get.getMethod()).isEqualTo("GET");
        assertThat(get.getUrl().encodedPath()).isEqualTo("/api/dashboards/uid/p21mon-overview");
        assertThat(get.getHeaders().get("Authorization")).isEqualTo("Bearer " + TOKEN);
        RecordedRequest post = take();
        assertThat(post.getMethod()).isEqualTo("POST");
        assertThat(post.getUrl().encodedPath()).isEqualTo("/api/dashboards/db");
        JsonNode body = Json.mapper().readTree(post.getBody().utf8());
        assertThat(body.path("folderUid").asText()).isEqualTo("ops");
        assertThat(body.path("message").asText()).startsWith("p21mon ").endsWith("dashboards push");
        assertThat(body.path("overwrite").asBoolean()).isFalse();
        assertThat(body.path("dashboard").path("uid").asText()).isEqualTo("p21mon-overview");
        assertThat(body.path("dashboard").path("id").isNull()).isTrue();
        assertThat(body.path("dashboard").has("version")).isFalse();
        assertThat(r.out() + r.err()).doesNotContain(TOKEN);
    }

    @Test
    void updatesAnExistingDashboardAtItsVersionAndKeepsItsFolder() throws Exception {
        grafana.enqueue(json(200, "{\"dashboard\":{\"id\":42,\"uid\":\"p21mon-sla\",\"title\":\"old\",\"version\":5},"
                + "\"meta\":{\"folderUid\":\"team-a\",\"version\":5,\"slug\":\"old\"}}"));
        grafana.enqueue(json(200, "{\"id\":42,\"uid\":\"p21mon-sla\",\"url\":\"/d/p21mon-sla/p21mon-sla\",\"status\":\"success\",\"version\":6}"));
        Cli.Result r = push("--only", "sla");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).contains("updated", "team-a", "6");
        take();
        JsonNode body = Json.mapper().readTree(take().getBody().utf8());
        assertThat(body.path("folderUid").asText()).isEqualTo("team-a");
        assertThat(body.path("dashboard").path("id").asInt()).isEqualTo(42);
        assertThat(body.path("dashboard").path("version").asInt()).isEqualTo(5);
    }

    @Test
    void aNewDashboardWithoutAFolderGoesToTheRootExplicitly() throws Exception {
        grafana.enqueue(NOT_FOUND);
        grafana.enqueue(json(200, "{\"id\":1,\"uid\":\"p21mon-agents\",\"url\":\"/d/p21mon-agents/x\",\"status\":\"success\",\"version\":1}"));
        assertThat(push("--only", "agents").code()).isZero();
        take();
        JsonNode body = Json.mapper().readTree(take().getBody().utf8());
        assertThat(body.has("folderUid")).isTrue();
        assertThat(body.path("folderUid").asText()).isEmpty();
    }

    @Test
    void grafanaUrlAndFolderComeFromTheConfigurationWhenNoFlagIsGiven() throws Exception {
        java.nio.file.Files.writeString(dir.resolve("p21mon.yaml"), "dashboards: {grafana_url: '" + grafana.url("/")
                + "', folder_uid: cfg-folder}\n");
        grafana.enqueue(NOT_FOUND);
        grafana.enqueue(json(200, "{\"id\":1,\"uid\":\"p21mon-sla\",\"url\":\"/d/p21mon-sla/x\",\"status\":\"success\",\"version\":1}"));
        Cli.Result r = Cli.in(dir).env("GRAFANA_TOKEN", TOKEN).run("dashboards", "push", "--only", "sla");
        assertThat(r.code()).as(r.toString()).isZero();
        take();
        assertThat(Json.mapper().readTree(take().getBody().utf8()).path("folderUid").asText()).isEqualTo("cfg-folder");
    }

    @Test
    void unauthorizedAndForbiddenSayWhatToDoWithoutTheToken() {
        grafana.enqueue(json(401, "{\"message\":\"Unauthorized\"}"));
        Cli.Result r = push("--only", "overview");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("HTTP 401 Unauthorized", "GRAFANA_TOKEN").doesNotContain(TOKEN);

        grafana.enqueue(NOT_FOUND);
        grafana.enqueue(json(403, "{\"message\":\"Access denied\"}"));
        Cli.Result f = push("--only", "overview", "--folder", "locked");
        assertThat(f.code()).isEqualTo(1);
        assertThat(f.err()).contains("HTTP 403 Forbidden", "may not write dashboard p21mon-overview", "Access denied")
                .doesNotContain(TOKEN);
    }

    @Test
    void theThree412AnswersBecomeClearErrors() {
        String[][] cases = {
            {"version-mismatch", "The dashboard has been changed by someone else", "changed in Grafana while it was being pushed"},
            {"name-exists", "A dashboard with the same name in the folder already exists", "already has the title"},
            {"plugin-dashboard", "The dashboard belongs to plugin Graphite.", "belongs to a plugin"}};
        for (String[] c : cases) {
            grafana.enqueue(NOT_FOUND);
            grafana.enqueue(json(412, "{\"message\":\"" + c[1] + "\",\"status\":\"" + c[0] + "\"}"));
            Cli.Result r = push("--only", "quality");
            assertThat(r.code()).as(r.toString()).isEqualTo(1);
            assertThat(r.err()).contains("412 " + c[0], c[2], "p21mon-quality");
        }
    }

    @Test
    void diffShowsLocalAgainstGrafanaAndPushesNothing() throws Exception {
        grafana.enqueue(json(200, "{\"dashboard\":{\"id\":3,\"uid\":\"p21mon-business\",\"title\":\"Old title\",\"version\":2},"
                + "\"meta\":{\"folderUid\":\"\"}}"));
        grafana.enqueue(NOT_FOUND);
        Cli.Result r = push("--only", "business,sla", "--diff");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).contains("p21mon-business (p21mon / Business): changed", "-  \"title\" : \"Old title\"",
                "+  \"title\" : \"p21mon / Business\"", "p21mon-sla (p21mon / SLA): new");
        assertThat(grafana.getRequestCount()).isEqualTo(2);
        assertThat(take().getMethod()).isEqualTo("GET");
        assertThat(take().getMethod()).isEqualTo("GET");
    }

    @Test
    void anUnreachableGrafanaIsAnErrorNamingTheUrl() {
        grafana.close();
        Cli.Result r = push("--only", "overview");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("GET " + grafana.url("/api/dashboards/uid/p21mon-overview"));
    }
}
