package io.perfect21.p21mon.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import io.perfect21.p21mon.Json;
import io.perfect21.p21mon.alerts.notify.NotificationRouting;
import io.perfect21.p21mon.alerts.notify.WebhookChannel;
import io.perfect21.p21mon.health.HealthCheckResult;
import io.perfect21.p21mon.health.HealthReport;
import io.perfect21.p21mon.health.HealthStatus;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class NotifierTest {
    @StartStop
    final MockWebServer server = new MockWebServer();
    @TempDir
    Path state;

    Instant now = Instant.parse("2026-11-23T10:00:00Z");

    Notifier notifier() {
        Clock clock = Clock.fixed(now, ZoneOffset.UTC);
        return new Notifier(state, "health", List.of(new WebhookChannel(server.url("/hook/secret-token").toString(),
                Duration.ofSeconds(2))), Duration.ofHours(1), clock);
    }

    static HealthReport report(HealthStatus db, HealthStatus api) {
        return new HealthReport(HealthStatus.worst(db, api), "h1", Instant.now(), 5, List.of(
                HealthCheckResult.of("db", "database", db, "db is " + db.label()),
                HealthCheckResult.of("api", "http", api, "api is " + api.label())));
    }

    Notifier.Outcome pass(HealthStatus db, HealthStatus api) {
        return notifier().process(HealthAlerts.observations(report(db, api)));
    }

    JsonNode take() throws Exception {
        RecordedRequest r = server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(r).as("a webhook request").isNotNull();
        return Json.mapper().readTree(r.getBody().utf8());
    }

    @Test
    void stateChangeNotifiesOnceRepeatsAfterTheIntervalAndResolves() throws Exception {
        for (int i = 0; i < 6; i++) {
            server.enqueue(new MockResponse.Builder().code(200).build());
        }
        assertThat(pass(HealthStatus.HEALTHY, HealthStatus.HEALTHY).sent()).isZero();
        assertThat(pass(HealthStatus.UNHEALTHY, HealthStatus.HEALTHY).sent()).isEqualTo(1);
        JsonNode firing = take();
        assertThat(firing.fieldNames()).toIterable().containsExactly("version", "groupKey", "truncatedAlerts", "status",
                "receiver", "groupLabels", "commonLabels", "commonAnnotations", "externalURL", "alerts");
        assertThat(firing.get("version").asText()).isEqualTo("4");
        assertThat(firing.get("status").asText()).isEqualTo("firing");
        JsonNode alert = firing.get("alerts").get(0);
        assertThat(alert.fieldNames()).toIterable().containsExactly("status", "labels", "annotations", "startsAt", "endsAt",
                "generatorURL", "fingerprint");
        assertThat(alert.get("labels").get("check").asText()).isEqualTo("db");
        assertThat(alert.get("labels").get("severity").asText()).isEqualTo("critical");
        assertThat(alert.get("annotations").get("description").asText()).isEqualTo("db is unhealthy");
        assertThat(alert.get("endsAt").asText()).isEqualTo("0001-01-01T00:00:00Z");
        assertThat(alert.get("fingerprint").asText()).hasSize(16);

        // still unhealthy, within repeat_interval: nothing
        now = now.plus(Duration.ofMinutes(30));
        assertThat(pass(HealthStatus.UNHEALTHY, HealthStatus.HEALTHY).sent()).isZero();
        // after repeat_interval: once more
        now = now.plus(Duration.ofMinutes(31));
        assertThat(pass(HealthStatus.UNHEALTHY, HealthStatus.HEALTHY).sent()).isEqualTo(1);
        assertThat(take().get("alerts").get(0).get("startsAt").asText()).isEqualTo("2026-11-23T10:00:00Z");
        // recovery: resolved, with the labels it fired with
        now = now.plus(Duration.ofMinutes(1));
        assertThat(pass(HealthStatus.HEALTHY, HealthStatus.HEALTHY).sent()).isEqualTo(1);
        JsonNode resolved = take();
        assertThat(resolved.get("status").asText()).isEqualTo("resolved");
        assertThat(resolved.get("alerts").get(0).get("fingerprint").asText()).isEqualTo(alert.get("fingerprint").asText());
        assertThat(resolved.get("alerts").get(0).get("endsAt").asText()).isEqualTo("2026-11-23T11:02:00Z");
        assertThat(pass(HealthStatus.HEALTHY, HealthStatus.HEALTHY).sent()).isZero();
        assertThat(server.getRequestCount()).isEqualTo(3);
    }

    @Test
    void aChangeBetweenBadStatesResolvesTheOldAlertAndFiresTheNew() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).build());
        server.enqueue(new MockResponse.Builder().code(200).build());
        pass(HealthStatus.DEGRADED, HealthStatus.HEALTHY);
        take();
        pass(HealthStatus.UNHEALTHY, HealthStatus.HEALTHY);
        JsonNode change = take();
        assertThat(change.get("alerts")).hasSize(2);
        assertThat(change.get("alerts").get(0).get("status").asText()).isEqualTo("resolved");
        assertThat(change.get("alerts").get(0).get("labels").get("severity").asText()).isEqualTo("warning");
        assertThat(change.get("alerts").get(1).get("status").asText()).isEqualTo("firing");
        assertThat(change.get("alerts").get(1).get("labels").get("severity").asText()).isEqualTo("critical");
    }

    @Test
    void aFailedSendIsSpooledAndRetriedByTheNextRun() throws Exception {
        for (int i = 0; i < 3; i++) {
            server.enqueue(new MockResponse.Builder().code(503).build());
        }
        Notifier.Outcome failed = pass(HealthStatus.HEALTHY, HealthStatus.UNHEALTHY);
        assertThat(failed.spooled()).isEqualTo(1);
        assertThat(failed.errors().get(0)).contains("HTTP 503").doesNotContain("secret-token");
        try (var s = Files.list(state.resolve("spool"))) {
            assertThat(s.count()).isEqualTo(1);
        }
        for (int i = 0; i < 3; i++) {
            server.takeRequest();
        }
        server.enqueue(new MockResponse.Builder().code(200).build());
        Notifier.Outcome retried = pass(HealthStatus.HEALTHY, HealthStatus.UNHEALTHY);
        assertThat(retried.resent()).isEqualTo(1);
        assertThat(retried.sent()).isZero();
        assertThat(take().get("alerts").get(0).get("labels").get("check").asText()).isEqualTo("api");
        try (var s = Files.list(state.resolve("spool"))) {
            assertThat(s.count()).isZero();
        }
    }

    @Test
    void aServerErrorIsRetriedWithinThePassAndDeliveredOnce() throws Exception {
        server.enqueue(new MockResponse.Builder().code(500).build());
        server.enqueue(new MockResponse.Builder().code(200).build());
        Notifier.Outcome o = pass(HealthStatus.UNHEALTHY, HealthStatus.HEALTHY);
        assertThat(o.sent()).isEqualTo(1);
        assertThat(o.spooled()).isZero();
        assertThat(o.errors()).isEmpty();
        assertThat(server.getRequestCount()).isEqualTo(2);
        String first = server.takeRequest().getHeaders().get("Idempotency-Key");
        String second = server.takeRequest().getHeaders().get("Idempotency-Key");
        assertThat(first).isNotBlank().isEqualTo(second);
    }

    @Test
    void aClientErrorIsNotRetriedButSpooled() throws Exception {
        server.enqueue(new MockResponse.Builder().code(400).body("bad payload").build());
        Notifier.Outcome o = pass(HealthStatus.UNHEALTHY, HealthStatus.HEALTHY);
        assertThat(o.spooled()).isEqualTo(1);
        assertThat(o.errors().get(0)).contains("HTTP 400: bad payload");
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void aDeadEndpointSpoolsAndTheNextRunDeliversExactlyOnce() throws Exception {
        Clock clock = Clock.fixed(now, ZoneOffset.UTC);
        Notifier dead = new Notifier(state, "health", List.of(new WebhookChannel("http://127.0.0.1:1/hook",
                Duration.ofSeconds(1))), Duration.ofHours(1), clock).retries(2, Duration.ofMillis(10));
        Notifier.Outcome failed = dead.process(HealthAlerts.observations(report(HealthStatus.UNHEALTHY, HealthStatus.HEALTHY)));
        assertThat(failed.spooled()).isEqualTo(1);
        assertThat(failed.errors().get(0)).contains("127.0.0.1:1");
        // the same state again (a cron run while the endpoint is still down): nothing new is queued
        dead.process(HealthAlerts.observations(report(HealthStatus.UNHEALTHY, HealthStatus.HEALTHY)));
        assertThat(dead.spooled()).hasSize(1);
        server.enqueue(new MockResponse.Builder().code(200).build());
        Notifier.Outcome next = pass(HealthStatus.UNHEALTHY, HealthStatus.HEALTHY);
        assertThat(next.resent()).isEqualTo(1);
        assertThat(next.sent()).isZero();
        assertThat(pass(HealthStatus.UNHEALTHY, HealthStatus.HEALTHY).resent()).isZero();
        assertThat(server.getRequestCount()).isEqualTo(1);
        assertThat(notifier().spooled()).isEmpty();
    }

    @Test
    void aSendACrashInterruptedIsSetAsideNotResent() throws Exception {
        Path spool = Files.createDirectories(state.resolve("spool"));
        Notification n = new Notification("r", "{}:{a=\"1\"}", Map.of("a", "1"), List.of(new Alert(
                Map.of("alertname", "X"), Map.of(), "firing", now, null, null)), null);
        Files.writeString(spool.resolve("0000000000001-000001-" + n.id() + "-webhook.json.sending"),
                Json.mapper().writeValueAsString(new Spool.Stored(n.id(), "webhook", "health", now, n)));
        Notifier.Outcome o = notifier().flushSpool();
        assertThat(o.resent()).isZero();
        assertThat(o.errors()).singleElement().asString().contains("may or may not have been delivered")
                .contains("uncertain");
        assertThat(server.getRequestCount()).isZero();
        assertThat(spool.resolve("uncertain")).isDirectoryContaining(p -> p.toString().endsWith("-webhook.json"));
    }

    @Test
    void aPassRepeatedAfterACrashBeforeTheStateWasSavedDoesNotQueueTwice() throws Exception {
        Clock clock = Clock.fixed(now, ZoneOffset.UTC);
        Notifier dead = new Notifier(state, "health", List.of(new WebhookChannel("http://127.0.0.1:1/hook",
                Duration.ofSeconds(1))), Duration.ofHours(1), clock).retries(1, Duration.ofMillis(10));
        dead.process(HealthAlerts.observations(report(HealthStatus.UNHEALTHY, HealthStatus.HEALTHY)));
        Files.delete(state.resolve("health-alerts.json")); // as if the pass died after spooling, before saving state
        dead.process(HealthAlerts.observations(report(HealthStatus.UNHEALTHY, HealthStatus.HEALTHY)));
        assertThat(dead.spooled()).hasSize(1);
    }

    @Test
    void routesSendCriticalAlertsToTheirChannelsAndTheRestToTheDefault() throws Exception {
        try (MockWebServer pager = new MockWebServer()) {
            pager.start();
            pager.enqueue(new MockResponse.Builder().code(200).build());
            server.enqueue(new MockResponse.Builder().code(200).build());
            NotificationRouting routing = new NotificationRouting(List.of(
                    new WebhookChannel("chat", server.url("/chat").toString(), Duration.ofSeconds(2)),
                    new WebhookChannel("pager", pager.url("/pager").toString(), Duration.ofSeconds(2))),
                    List.of(new NotificationRouting.Route(Map.of("severity", "critical"), Map.of(), List.of("pager"), false)),
                    List.of("chat"));
            Notifier n = new Notifier(state, "health", routing, Duration.ofHours(1), Clock.fixed(now, ZoneOffset.UTC));
            assertThat(n.process(HealthAlerts.observations(report(HealthStatus.UNHEALTHY, HealthStatus.DEGRADED))).sent())
                    .isEqualTo(2);
            assertThat(Json.mapper().readTree(pager.takeRequest().getBody().utf8()).at("/alerts/0/labels/check").asText())
                    .isEqualTo("db");
            assertThat(take().at("/alerts/0/labels/check").asText()).isEqualTo("api");
            assertThat(pager.getRequestCount()).isEqualTo(1);
        }
    }

    @Test
    void aDryRunRendersThePayloadsAndKeepsNoStateAndNoSpool() throws Exception {
        Notifier.Outcome o = notifier().dryRun(true).process(HealthAlerts.observations(report(HealthStatus.UNHEALTHY,
                HealthStatus.HEALTHY)));
        assertThat(o.payloads()).singleElement().satisfies(p -> {
            assertThat(p.destination()).doesNotContain("secret-token");
            assertThat(Json.mapper().readTree(p.body()).get("version").asText()).isEqualTo("4");
        });
        assertThat(server.getRequestCount()).isZero();
        assertThat(state.resolve("health-alerts.json")).doesNotExist();
        assertThat(state.resolve("spool")).doesNotExist();
    }

    @Test
    void fingerprintsAreStableAndOrderIndependent() {
        assertThat(Alert.fingerprint(Notifier.labels("a", "1", "b", "2")))
                .isEqualTo(Alert.fingerprint(Notifier.labels("b", "2", "a", "1")))
                .isNotEqualTo(Alert.fingerprint(Notifier.labels("a", "1", "b", "3")));
    }
}
