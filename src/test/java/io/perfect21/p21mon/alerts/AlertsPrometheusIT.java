package io.perfect21.p21mon.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import io.perfect21.p21mon.Json;
import io.perfect21.p21mon.config.ConfigLoader;
import io.perfect21.p21mon.config.P21monConfig;
import io.perfect21.p21mon.health.HealthChecks;
import io.perfect21.p21mon.health.HealthContext;
import io.perfect21.p21mon.health.HealthService;
import io.perfect21.p21mon.host.HostProbe;
import io.perfect21.p21mon.host.OshiHostProbe;
import io.perfect21.p21mon.metrics.Listen;
import io.perfect21.p21mon.metrics.MetricsService;
import io.perfect21.p21mon.metrics.WebConfig;
import io.perfect21.p21mon.testing.RealServer;
import io.perfect21.p21mon.testing.Servers;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The generated rules in a real Prometheus scraping {@code metrics serve}, whose health check fails: HealthCheckFailing
 * (its {@code for} shortened to 3s for the test) goes pending, then firing, reaches a real Alertmanager, which
 * delivers it to a webhook receiver; the test reads Alertmanager's v4 payload.
 */
class AlertsPrometheusIT {
    static MockWebServer webhook;
    static MetricsService.Running exporter;
    static RealServer alertmanager;
    static RealServer prometheus;

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() throws Exception {
        webhook = new MockWebServer();
        webhook.start();
        for (int i = 0; i < 20; i++) {
            webhook.enqueue(new MockResponse.Builder().code(200).build());
        }
        Files.writeString(dir.resolve("p21mon.yaml"), """
                metrics: {update_interval: 1s}
                health:
                  checks:
                    - {name: svc, type: command, command: 'echo svc is down; exit 2'}
                """);
        P21monConfig config = new ConfigLoader(Map.of(), dir).load(dir.resolve("p21mon.yaml")).config();
        Supplier<HostProbe> probe = OshiHostProbe::new;
        HealthService health = new HealthService(new HealthContext(config, Optional.empty(), probe, Map.of(), dir,
                dir.resolve("state")), HealthChecks.standard());
        exporter = new MetricsService(config, probe, Clock.systemUTC(), dir, health::runner)
                .serve(new Listen("127.0.0.1", 0), WebConfig.none());
        alertmanager = Servers.alertmanager("""
                route: {receiver: hook, group_by: [alertname], group_wait: 1s, group_interval: 1s, repeat_interval: 1h}
                receivers:
                  - name: hook
                    webhook_configs: [{url: '%s', send_resolved: true}]
                """.formatted(webhook.url("/hook")));
        String rules = RuleYaml.render(RuleCatalogue.of(config).check()
                .mapAlerts(r -> r.name().equals("HealthCheckFailing") ? r.withFor(Duration.ofSeconds(3)) : r).merged());
        prometheus = Servers.prometheus("""
                global: {scrape_interval: 1s, evaluation_interval: 1s}
                rule_files: [p21mon-rules.yml]
                alerting:
                  alertmanagers: [{static_configs: [{targets: ['127.0.0.1:%d']}]}]
                scrape_configs:
                  - job_name: p21mon
                    static_configs: [{targets: ['127.0.0.1:%d']}]
                """.formatted(alertmanager.port(), exporter.server().port()), Map.of("p21mon-rules.yml", rules));
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable c : new AutoCloseable[]{prometheus, alertmanager, exporter, webhook}) {
            if (c != null) {
                c.close();
            }
        }
    }

    static JsonNode get(String url) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        return Json.mapper().readTree(r.body());
    }

    @Test
    void aFailingHealthCheckGoesPendingThenFiringAndAlertmanagerDeliversTheV4Payload() throws Exception {
        JsonNode groups = get(prometheus.baseUrl() + "/api/v1/rules").get("data").get("groups");
        assertThat(groups.size()).as("every group loaded").isEqualTo(RuleCatalogue.of(P21monConfig.defaults()).merged().groups().size());

        Set<String> states = new LinkedHashSet<>();
        long deadline = System.currentTimeMillis() + 60_000;
        while (!states.contains("firing") && System.currentTimeMillis() < deadline) {
            for (JsonNode a : get(prometheus.baseUrl() + "/api/v1/alerts").get("data").get("alerts")) {
                if (a.get("labels").get("alertname").asText().equals("HealthCheckFailing")
                        && a.get("labels").get("check").asText().equals("svc")) {
                    states.add(a.get("state").asText());
                }
            }
            Thread.sleep(200);
        }
        assertThat(states).containsExactly("pending", "firing");

        JsonNode payload = null;
        deadline = System.currentTimeMillis() + 30_000;
        while (payload == null && System.currentTimeMillis() < deadline) {
            RecordedRequest r = webhook.takeRequest(1, TimeUnit.SECONDS);
            if (r != null) {
                JsonNode body = Json.mapper().readTree(r.getBody().utf8());
                if (body.get("groupLabels").path("alertname").asText().equals("HealthCheckFailing")) {
                    payload = body;
                }
            }
        }
        assertThat(payload).as("Alertmanager delivered HealthCheckFailing to the webhook").isNotNull();
        assertThat(payload.get("version").asText()).isEqualTo("4");
        assertThat(payload.get("status").asText()).isEqualTo("firing");
        assertThat(payload.get("receiver").asText()).isEqualTo("hook");
        JsonNode alert = payload.get("alerts").get(0);
        assertThat(alert.get("labels").get("check").asText()).isEqualTo("svc");
        assertThat(alert.get("labels").get("severity").asText()).isEqualTo("critical");
        assertThat(alert.get("labels").get("job").asText()).isEqualTo("p21mon");
        assertThat(alert.get("annotations").get("summary").asText()).startsWith("Health check svc on 127.0.0.1:");
        assertThat(alert.get("annotations").get("description").asText()).contains("status 2");
        assertThat(alert.get("annotations").get("runbook_url").asText()).endsWith("#healthcheckfailing");
        assertThat(alert.get("fingerprint").asText()).hasSize(16);
    }
}
