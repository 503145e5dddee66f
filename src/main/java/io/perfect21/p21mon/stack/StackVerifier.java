package io.perfect21.p21mon.stack;

import io.perfect21.p21mon.IoErrors;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import io.perfect21.p21mon.Json;
import io.perfect21.p21mon.client.HttpClients;
import io.perfect21.p21mon.config.P21monConfig;
import okhttp3.Credentials;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;

/**
 * {@code stack verify}: proves a running stack works. Every service ready; every Prometheus target up (after each has
 * been scraped once); rules loaded; Prometheus connected to Alertmanager; Alertmanager's configuration loaded with the
 * {@code p21mon-verify} receiver; a test alert POSTed to Alertmanager arriving at the webhook this verifier listens on
 * ({@code stack.verify_port}); Grafana's datasources healthy and a test span found in Jaeger, where those run.
 */
public final class StackVerifier {
    private static final MediaType JSON = MediaType.get("application/json");

    private final P21monConfig config;
    private final StackProbe probe;
    private final OkHttpClient http = HttpClients.withTimeout(Duration.ofSeconds(5));

    public StackVerifier(P21monConfig config) {
        this.config = config;
        this.probe = new StackProbe(config);
    }

    /** Runs every check; waits at most {@code timeout} for targets to be scraped and the test alert to arrive. */
    public StackVerifyReport verify(StackLayout layout, Duration timeout, Consumer<String> progress) {
        StackStatus status = probe.status(layout);
        List<StackVerifyReport.Check> checks = new ArrayList<>();
        if (status.runtime().equals("none")) {
            checks.add(new StackVerifyReport.Check("stack up", false, "the stack in " + layout.dir()
                    + " is not up; run 'p21mon stack up'"));
            return new StackVerifyReport("none", false, checks);
        }
        for (StackStatus.Service s : status.services()) {
            if (s.required() || s.state().equals("ready")) {
                checks.add(new StackVerifyReport.Check(s.service() + " ready", s.state().equals("ready"),
                        s.state().equals("ready") ? s.url() : s.state() + (s.detail() != null ? ": " + s.detail() : "")));
            }
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        String prom = probe.url(StackService.PROMETHEUS);
        String am = probe.url(StackService.ALERTMANAGER);
        progress.accept("waiting for Prometheus to scrape every target");
        checks.addAll(targets(prom, deadline));
        checks.add(rules(prom));
        checks.add(alertmanagerConnected(prom, am, deadline));
        checks.add(alertmanagerConfig(am));
        progress.accept("sending a test alert through Alertmanager");
        checks.add(testAlert(am, status.runtime(), deadline));
        if (ready(status, "grafana")) {
            checks.addAll(grafana(probe.url(StackService.GRAFANA), StackWriter.grafanaPassword(layout)));
        }
        if (ready(status, "jaeger")) {
            checks.add(testSpan("http://127.0.0.1:" + config.stack().ports().get("otlp_http"), probe.url(StackService.JAEGER), deadline));
        }
        boolean ok = checks.stream().allMatch(StackVerifyReport.Check::ok);
        return new StackVerifyReport(status.runtime(), ok, checks);
    }

    private static boolean ready(StackStatus status, String service) {
        return status.services().stream().anyMatch(s -> s.service().equals(service) && s.state().equals("ready"));
    }

    /**
     * Each target as it is now: its health counts only from a scrape that began after {@code since} (this verify's
     * start), so a target that died after its last scrape is not passed on a stale "up". Waits until every target has
     * such a scrape (one scrape interval), or the deadline.
     */
    List<StackVerifyReport.Check> targets(String prom, long deadline) {
        Instant since = Instant.now();
        JsonNode active = null;
        while (true) {
            try {
                active = get(prom + "/api/v1/targets?state=active", null).path("data").path("activeTargets");
            } catch (IOException e) {
                active = null;
            }
            boolean allScraped = active != null && active.size() > 0;
            if (active != null) {
                for (JsonNode t : active) {
                    if (!scrapedSince(t, since)) {
                        allScraped = false;
                    }
                }
            }
            if (allScraped || System.nanoTime() > deadline) {
                break;
            }
            sleep(250);
        }
        List<StackVerifyReport.Check> checks = new ArrayList<>();
        if (active == null || active.size() == 0) {
            checks.add(new StackVerifyReport.Check("prometheus targets", false, "no active targets at " + prom));
            return checks;
        }
        for (JsonNode t : active) {
            String job = t.path("labels").path("job").asText();
            String instance = t.path("labels").path("instance").asText();
            String health = t.path("health").asText();
            String err = t.path("lastError").asText("");
            if (!scrapedSince(t, since)) {
                checks.add(new StackVerifyReport.Check("target " + job + " " + instance + " up", false,
                        "not scraped since this verify began (last scrape " + t.path("lastScrape").asText("never")
                                + ", then " + health + "); raise --timeout above the scrape interval"));
                continue;
            }
            checks.add(new StackVerifyReport.Check("target " + job + " " + instance + " up", health.equals("up"),
                    health.equals("up") ? "scraped in " + Math.round(t.path("lastScrapeDuration").asDouble() * 1000) + " ms"
                            : health + (err.isEmpty() ? "" : ": " + err)));
        }
        return checks;
    }

    private static boolean scrapedSince(JsonNode target, Instant since) {
        try {
            return java.time.OffsetDateTime.parse(target.path("lastScrape").asText()).toInstant().isAfter(since);
        } catch (java.time.format.DateTimeParseException e) {
            return false;
        }
    }

    private StackVerifyReport.Check rules(String prom) {
        try {
            JsonNode groups = get(prom + "/api/v1/rules", null).path("data").path("groups");
            int rules = 0;
            List<String> bad = new ArrayList<>();
            for (JsonNode g : groups) {
                for (JsonNode r : g.path("rules")) {
                    rules++;
                    if (r.path("health").asText("ok").equals("err")) {
                        bad.add(r.path("name").asText() + ": " + r.path("lastError").asText());
                    }
                }
            }
            boolean ok = groups.size() > 0 && bad.isEmpty();
            return new StackVerifyReport.Check("rules loaded", ok, groups.size() + " groups, " + rules + " rules"
                    + (bad.isEmpty() ? "" : "; failing: " + String.join("; ", bad)));
        } catch (IOException e) {
            return new StackVerifyReport.Check("rules loaded", false, IoErrors.describe(e));
        }
    }

    private StackVerifyReport.Check alertmanagerConnected(String prom, String am, long deadline) {
        String port = am.substring(am.lastIndexOf(':') + 1);
        while (true) {
            try {
                JsonNode active = get(prom + "/api/v1/alertmanagers", null).path("data").path("activeAlertmanagers");
                for (JsonNode a : active) {
                    if (a.path("url").asText().contains(":" + port + "/")) {
                        return new StackVerifyReport.Check("prometheus sends to alertmanager", true, a.path("url").asText());
                    }
                }
            } catch (IOException e) {
                // retried until the deadline
            }
            if (System.nanoTime() > deadline) {
                return new StackVerifyReport.Check("prometheus sends to alertmanager", false,
                        "Prometheus lists no Alertmanager on port " + port + " (GET /api/v1/alertmanagers)");
            }
            sleep(250);
        }
    }

    private StackVerifyReport.Check alertmanagerConfig(String am) {
        try {
            JsonNode status = get(am + "/api/v2/status", null);
            String original = status.path("config").path("original").asText("");
            boolean ok = original.contains(StackWriter.VERIFY_RECEIVER);
            return new StackVerifyReport.Check("alertmanager config accepted", ok, ok
                    ? "loaded, cluster " + status.path("cluster").path("status").asText("disabled")
                    : "the loaded configuration has no " + StackWriter.VERIFY_RECEIVER + " receiver; run 'p21mon stack config'");
        } catch (IOException e) {
            return new StackVerifyReport.Check("alertmanager config accepted", false, IoErrors.describe(e));
        }
    }

    /** POSTs a test alert to Alertmanager and waits for it at the verify webhook, then resolves it. */
    private StackVerifyReport.Check testAlert(String am, String runtime, long deadline) {
        String name = "test alert round-trip";
        int port = config.stack().verifyPort();
        String id = UUID.randomUUID().toString();
        ConcurrentLinkedQueue<String> received = new ConcurrentLinkedQueue<>();
        HttpServer server;
        try {
            InetSocketAddress bind = runtime.equals("docker") ? new InetSocketAddress(port)
                    : new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
            server = HttpServer.create(bind, 8);
        } catch (IOException e) {
            return new StackVerifyReport.Check(name, false, "cannot listen on stack.verify_port " + port + ": " + IoErrors.describe(port, e));
        }
        server.createContext(StackWriter.VERIFY_PATH, exchange -> {
            received.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        long t0 = System.nanoTime();
        try {
            post(am + "/api/v2/alerts", alert(id, Instant.now().plusSeconds(300)));
            while (System.nanoTime() < deadline) {
                for (String body : received) {
                    if (body.contains(id)) {
                        long ms = (System.nanoTime() - t0) / 1_000_000;
                        return new StackVerifyReport.Check(name, true, "alert " + id.substring(0, 8)
                                + " reached the " + StackWriter.VERIFY_RECEIVER + " webhook in " + ms + " ms");
                    }
                }
                sleep(50);
            }
            return new StackVerifyReport.Check(name, false, "the test alert did not reach the "
                    + StackWriter.VERIFY_RECEIVER + " webhook on port " + port + " in time; check the Alertmanager log");
        } catch (IOException e) {
            return new StackVerifyReport.Check(name, false, IoErrors.describe(e));
        } finally {
            server.stop(0);
            try {
                post(am + "/api/v2/alerts", alert(id, Instant.now()));
            } catch (IOException ignored) {
                // the test alert then expires by itself after 5 minutes
            }
        }
    }

    private static String alert(String id, Instant endsAt) {
        ArrayNode alerts = Json.mapper().createArrayNode();
        ObjectNode a = alerts.addObject();
        a.putObject("labels").put("alertname", "P21monStackVerify").put(StackWriter.VERIFY_LABEL, "true")
                .put("verify_id", id).put("severity", "none");
        a.putObject("annotations").put("summary", "test alert of 'p21mon stack verify'");
        a.put("endsAt", endsAt.toString());
        return alerts.toString();
    }

    List<StackVerifyReport.Check> grafana(String grafana, String password) {
        List<StackVerifyReport.Check> checks = new ArrayList<>();
        String auth = Credentials.basic("admin", password == null ? "" : password);
        try {
            JsonNode sources = get(grafana + "/api/datasources", auth);
            if (!sources.isArray() || sources.size() == 0) {
                checks.add(new StackVerifyReport.Check("grafana datasources", false, "Grafana has no datasources"));
            }
            for (JsonNode ds : sources) {
                String uid = ds.path("uid").asText();
                String check = "grafana datasource " + ds.path("name").asText(uid) + " healthy";
                try {
                    JsonNode h = get(grafana + "/api/datasources/uid/" + uid + "/health", auth);
                    boolean ok = h.path("status").asText().equalsIgnoreCase("OK");
                    checks.add(new StackVerifyReport.Check(check, ok, h.path("message").asText("")));
                } catch (IOException e) {
                    checks.add(new StackVerifyReport.Check(check, false, IoErrors.describe(e)));
                }
            }
        } catch (IOException e) {
            checks.add(new StackVerifyReport.Check("grafana datasources", false, IoErrors.describe(e)));
        }
        return checks;
    }

    /** Sends one span over OTLP/HTTP (JSON) to Jaeger's OTLP port ({@code stack.ports.otlp_http}) and waits until its query API finds the trace. */
    StackVerifyReport.Check testSpan(String otlp, String jaeger, long deadline) {
        String name = "test span round-trip";
        byte[] tid = new byte[16];
        byte[] sid = new byte[8];
        SecureRandom random = new SecureRandom();
        random.nextBytes(tid);
        random.nextBytes(sid);
        String traceId = HexFormat.of().formatHex(tid);
        long now = System.currentTimeMillis() * 1_000_000L;
        String body = Json.mapper().valueToTree(Map.of("resourceSpans", List.of(Map.of(
                "resource", Map.of("attributes", List.of(Map.of("key", "service.name",
                        "value", Map.of("stringValue", "p21mon-stack-verify")))),
                "scopeSpans", List.of(Map.of("spans", List.of(Map.of("traceId", traceId,
                        "spanId", HexFormat.of().formatHex(sid), "name", "stack verify", "kind", 1,
                        "startTimeUnixNano", Long.toString(now - 1_000_000), "endTimeUnixNano", Long.toString(now)))))))))
                .toString();
        try {
            post(otlp + "/v1/traces", body);
            while (System.nanoTime() < deadline) {
                Request req = new Request.Builder().url(jaeger + "/api/traces/" + traceId).get().build();
                try (Response r = http.newCall(req).execute()) {
                    if (r.code() == 200) {
                        return new StackVerifyReport.Check(name, true, "trace " + traceId + " found in Jaeger");
                    }
                }
                sleep(250);
            }
            return new StackVerifyReport.Check(name, false, "trace " + traceId + " not found in Jaeger in time");
        } catch (IOException e) {
            return new StackVerifyReport.Check(name, false, IoErrors.describe(e));
        }
    }

    private JsonNode get(String url, String auth) throws IOException {
        Request.Builder b = new Request.Builder().url(url).get();
        if (auth != null) {
            b.header("Authorization", auth);
        }
        try (Response r = http.newCall(b.build()).execute()) {
            String body = r.body().string();
            if (!r.isSuccessful()) {
                throw new IOException("GET " + HttpClients.redact(r.request().url()) + ": HTTP " + r.code());
            }
            return Json.mapper().readTree(body);
        } catch (IOException e) {
            throw new IOException(e.getMessage() != null && e.getMessage().startsWith("GET ") ? e.getMessage()
                    : "GET " + url.replaceAll("\\?.*", "") + ": " + e.getMessage(), e);
        }
    }

    private void post(String url, String json) throws IOException {
        Request req = new Request.Builder().url(url).post(RequestBody.create(json, JSON)).build();
        try (Response r = http.newCall(req).execute()) {
            if (!r.isSuccessful()) {
                throw new IOException("POST " + url + ": HTTP " + r.code() + ": " + r.body().string().strip());
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
