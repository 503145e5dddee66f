package io.perfect21.p21mon.audit;

import io.perfect21.p21mon.testing.FakeClock;
import com.fasterxml.jackson.databind.JsonNode;
import io.perfect21.p21mon.Json;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.QueueDispatcher;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Shipping to Loki and reading back, against MockWebServer speaking Loki's documented push and query_range JSON. */
class AuditLokiTest {
    @StartStop
    final MockWebServer loki = new MockWebServer();

    @TempDir
    Path dir;

    final FakeClock clock = new FakeClock(Instant.parse("2026-11-23T10:00:00Z"));

    private AuditStore store() {
        return AuditTesting.store(dir, clock).shipTo(loki.url("/").toString(), Duration.ofSeconds(5), Duration.ZERO);
    }

    @Test
    void auditLogShipsToAuditLokiUrl() throws Exception {
        loki.enqueue(new MockResponse.Builder().code(204).build());
        Files.writeString(dir.resolve("p21mon.yaml"), "audit:\n  loki_url: " + loki.url("/l").toString() + "\n");
        io.perfect21.p21mon.testing.Cli.Result r = io.perfect21.p21mon.testing.Cli.in(dir)
                .run("audit", "log", "--type", "user_login", "--user", "alice", "--action", "login");
        assertThat(r.code()).as(r.toString()).isZero();
        RecordedRequest req = loki.takeRequest(5, TimeUnit.SECONDS);
        assertThat(req).as("audit.loki_url received the record").isNotNull();
        assertThat(req.getUrl().encodedPath()).isEqualTo("/l/loki/api/v1/push");
        assertThat(req.getBody().utf8()).contains("alice");
    }

    @Test
    void appendedRecordsArePushedWithHostTypeAndLevelLabels() throws Exception {
        loki.enqueue(new MockResponse.Builder().code(204).build());
        store().append(List.of(AuditTesting.event(1),
                AuditEvent.of(AuditEventType.USER_LOGIN, AuditLevel.WARNING, "bob", "login").withResult("failure")));
        RecordedRequest req = loki.takeRequest(5, TimeUnit.SECONDS);
        assertThat(req.getMethod()).isEqualTo("POST");
        assertThat(req.getUrl().encodedPath()).isEqualTo("/loki/api/v1/push");
        assertThat(req.getHeaders().get("Content-Type")).startsWith("application/json");
        JsonNode body = Json.mapper().readTree(req.getBody().utf8());
        JsonNode streams = body.path("streams");
        assertThat(streams).hasSize(2);
        JsonNode login = streams.get(1);
        assertThat(login.path("stream").path("job").asText()).isEqualTo("p21mon_audit");
        assertThat(login.path("stream").path("host").asText()).isEqualTo("test-host");
        assertThat(login.path("stream").path("type").asText()).isEqualTo("user_login");
        assertThat(login.path("stream").path("level").asText()).isEqualTo("warning");
        JsonNode value = login.path("values").get(0);
        assertThat(value.get(0).asText()).isEqualTo("1795428000000000000");
        assertThat(value.get(1).asText()).startsWith("{\"seq\":2,").contains("\"user_id\":\"bob\"");
    }

    @Test
    void whenLokiIsDownRecordsWaitInTheSpoolAndGoFirstNextTime() throws Exception {
        loki.enqueue(new MockResponse.Builder().code(503).body("ingester not ready").build());
        List<String> warnings = new ArrayList<>();
        store().onWarning(warnings::add).append(List.of(AuditTesting.event(1)));
        assertThat(warnings).anyMatch(w -> w.contains("spooled") && w.contains("HTTP 503"));
        assertThat(Files.readAllLines(dir.resolve(LokiShipper.SPOOL))).hasSize(1);
        loki.takeRequest(5, TimeUnit.SECONDS);
        loki.enqueue(new MockResponse.Builder().code(204).build());
        store().append(List.of(AuditTesting.event(2)));
        String body = loki.takeRequest(5, TimeUnit.SECONDS).getBody().utf8();
        assertThat(body).contains("\\\"seq\\\":1,").contains("\\\"seq\\\":2,");
        assertThat(dir.resolve(LokiShipper.SPOOL)).doesNotExist();
    }

    /**
     * A Loki that takes each push and answers it only when released (then with 503): lets a test know, without a
     * clock, that a push is in flight, and hold it there while other appends run.
     */
    static final class HeldLoki extends Dispatcher {
        final CountDownLatch arrived = new CountDownLatch(1);
        final AtomicInteger pushes = new AtomicInteger();
        private final CountDownLatch release = new CountDownLatch(1);

        @Override
        public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
            pushes.incrementAndGet();
            arrived.countDown();
            release.await();
            return new MockResponse.Builder().code(503).body("ingester not ready").build();
        }

        /** Lets every held push (and any later one) be answered. */
        void release() {
            release.countDown();
        }

        @Override
        public void close() {
            release();
        }
    }

    @Test
    @Timeout(120) // a hang guard only; the order of events is what is tested
    void anAppendWhileAPushWaitsOnLokiNeitherWaitsForItNorForTheLock() throws Exception {
        try (HeldLoki held = new HeldLoki()) {
            loki.setDispatcher(held);
            List<String> warnings = new CopyOnWriteArrayList<>();
            AuditStore shipping = AuditTesting.store(dir, clock)
                    .shipTo(loki.url("/").toString(), Duration.ofSeconds(60), Duration.ofSeconds(30)).onWarning(warnings::add);
            CompletableFuture<Void> first = CompletableFuture.runAsync(() -> shipping.append(List.of(AuditTesting.event(1))));
            assertThat(held.arrived.await(60, TimeUnit.SECONDS)).as("the first append's push reached Loki").isTrue();
            AuditTesting.store(dir, clock).append(List.of(AuditTesting.event(2)));
            assertThat(first).as("the first append, whose push Loki still holds, while a second append finished").isNotDone();
            held.release(); // Loki answers now: 503
            first.get(60, TimeUnit.SECONDS);
            assertThat(warnings).anyMatch(w -> w.contains("Loki is unreachable") && w.contains("HTTP 503"));
            assertThat(Files.readAllLines(dir.resolve(LokiShipper.SPOOL))).singleElement().asString().startsWith("{\"seq\":1,");
        }
        assertThat(new AuditVerifier(AuditTesting.store(dir, clock)).verify(null).ok()).isTrue();
    }

    @Test
    @Timeout(120) // a hang guard only
    void aPushThatTimesOutIsSpooledTheNextAppendLeavesLokiAloneAndTheSpoolGoesWhenLokiIsBack() throws Exception {
        List<String> warnings = new CopyOnWriteArrayList<>();
        try (HeldLoki held = new HeldLoki()) {
            loki.setDispatcher(held);
            AuditStore shipping = AuditTesting.store(dir, clock).shipTo(loki.url("/").toString()).onWarning(warnings::add);
            shipping.append(List.of(AuditTesting.event(1))); // Loki never answers: the push's own timeout ends it
            assertThat(warnings).anyMatch(w -> w.contains("Loki is unreachable") && w.contains("timed out"));
            AuditTesting.store(dir, clock).append(List.of(AuditTesting.event(2))); // a store that does not ship
            shipping.append(List.of(AuditTesting.event(3))); // within the pause after the failure
            assertThat(held.pushes).as("pushes Loki saw: the next append left it alone").hasValue(1);
        }
        assertThat(Files.readAllLines(dir.resolve(LokiShipper.SPOOL))).hasSize(2)
                .allMatch(l -> l.startsWith("{\"seq\":1,") || l.startsWith("{\"seq\":3,"));
        assertThat(new AuditVerifier(AuditTesting.store(dir, clock)).verify(null).ok()).isTrue();
        assertThat(loki.takeRequest(5, TimeUnit.SECONDS)).as("the push that timed out").isNotNull();
        loki.setDispatcher(new QueueDispatcher());
        loki.enqueue(new MockResponse.Builder().code(204).build());
        store().append(List.of(AuditTesting.event(4)));
        String body = loki.takeRequest(5, TimeUnit.SECONDS).getBody().utf8();
        assertThat(body).contains("\\\"seq\\\":1,").contains("\\\"seq\\\":3,").contains("\\\"seq\\\":4,")
                .doesNotContain("\\\"seq\\\":2,");
        assertThat(dir.resolve(LokiShipper.SPOOL)).doesNotExist();
    }

    @Test
    @Timeout(120) // a hang guard only
    void aLoggerThreadWaitingOnLokiHoldsUpNoOtherThread() throws Exception {
        try (HeldLoki held = new HeldLoki()) {
            loki.setDispatcher(held);
            AuditLogger logger = new AuditLogger(AuditTesting.store(dir, clock)
                    .shipTo(loki.url("/").toString(), Duration.ofSeconds(60), Duration.ofSeconds(30)));
            CompletableFuture<Void> first = CompletableFuture.runAsync(() -> logger.log(AuditTesting.event(1)));
            assertThat(held.arrived.await(60, TimeUnit.SECONDS)).as("the first log's push reached Loki").isTrue();
            logger.log(AuditTesting.event(2));
            assertThat(first).as("the first thread, whose push Loki still holds, while a second thread logged").isNotDone();
            held.release();
            first.get(60, TimeUnit.SECONDS);
            assertThat(held.pushes).as("the second log left the push to the thread already pushing").hasValue(1);
        }
        assertThat(Files.readAllLines(dir.resolve(LokiShipper.SPOOL))).hasSize(2);
    }

    @Test
    void aRefusedBatchIsReportedNotSpooled() {
        loki.enqueue(new MockResponse.Builder().code(400).body("entry too far behind").build());
        List<String> warnings = new ArrayList<>();
        store().onWarning(warnings::add).append(List.of(AuditTesting.event(1)));
        assertThat(warnings).anyMatch(w -> w.contains("Loki refused 1") && w.contains("entry too far behind"));
        assertThat(dir.resolve(LokiShipper.SPOOL)).doesNotExist();
    }

    @Test
    void queryReadsBackWithLogqlAndFiltersLikeALocalQuery() throws Exception {
        String l1 = "{\"seq\":1,\"event_id\":\"a\",\"timestamp\":\"2026-11-23T09:00:00.000Z\",\"host\":\"h\",\"event_type\":\"user_login\","
                + "\"level\":\"info\",\"user_id\":\"alice\",\"session_id\":null,\"source_ip\":null,\"user_agent\":null,\"resource\":null,"
                + "\"action\":\"login\",\"result\":\"success\",\"details\":{},\"metadata\":{},\"prev\":\"0\",\"hash\":\"1\"}";
        String l2 = l1.replace("\"seq\":1", "\"seq\":2").replace("09:00", "09:30").replace("\"result\":\"success\"", "\"result\":\"failure\"");
        String answer = "{\"status\":\"success\",\"data\":{\"resultType\":\"streams\",\"result\":["
                + "{\"stream\":{\"job\":\"p21mon_audit\",\"type\":\"user_login\"},\"values\":[[\"1795424400000000000\","
                + Json.mapper().writeValueAsString(l1) + "]]},"
                + "{\"stream\":{\"job\":\"p21mon_audit\",\"type\":\"user_login\",\"level\":\"info\"},\"values\":[[\"1795426200000000000\","
                + Json.mapper().writeValueAsString(l2) + "]]}],\"stats\":{}}}";
        loki.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json").body(answer).build());
        AuditFilter f = new AuditFilter(Set.of("alice"), Set.of("user_login"), null, null, null, null, "failure",
                Instant.parse("2026-11-23T00:00:00Z"), null, null, 0);
        List<AuditRecord> got = new ArrayList<>();
        new LokiReader(loki.url("/").toString(), clock).run(f, 0, got::add);
        assertThat(got).extracting(AuditRecord::seq).containsExactly(2L);
        RecordedRequest req = loki.takeRequest(5, TimeUnit.SECONDS);
        assertThat(req.getUrl().encodedPath()).isEqualTo("/loki/api/v1/query_range");
        assertThat(req.getUrl().queryParameter("query"))
                .isEqualTo("{job=\"p21mon_audit\",type=\"user_login\"} |= `,\"user_id\":\"alice\",` |= `,\"result\":\"failure\",`");
        assertThat(req.getUrl().queryParameter("start")).isEqualTo("1795392000000000000");
        assertThat(req.getUrl().queryParameter("direction")).isEqualTo("forward");
        assertThat(req.getUrl().queryParameter("limit")).isEqualTo("5000");
        assertThat(req.getMethod()).isEqualTo("GET");
    }

    @Test
    void anchorsGoToLokiAndComeBack() throws Exception {
        AuditStore store = AuditTesting.store(dir, clock);
        store.append(List.of(AuditTesting.event(1), AuditTesting.event(2)));
        Anchor a = AnchorIo.head(store);
        loki.enqueue(new MockResponse.Builder().code(204).build());
        AnchorTargets.write(a, "loki", dir, null, loki.url("/").toString());
        RecordedRequest push = loki.takeRequest(5, TimeUnit.SECONDS);
        JsonNode stream = Json.mapper().readTree(push.getBody().utf8()).path("streams").get(0);
        assertThat(stream.path("stream").path("job").asText()).isEqualTo("p21mon_audit_anchor");
        assertThat(stream.path("stream").path("host").asText()).isEqualTo("test-host");
        String line = stream.path("values").get(0).get(1).asText();
        assertThat(line).contains("\"seq\":2").contains(a.hash());

        loki.enqueue(new MockResponse.Builder().code(200).body("{\"status\":\"success\",\"data\":{\"resultType\":"
                + "\"streams\",\"result\":[{\"stream\":{\"job\":\"p21mon_audit_anchor\",\"host\":\"test-host\"},"
                + "\"values\":[[\"1795428000000000000\"," + Json.mapper().writeValueAsString(line) + "]]}]}}").build());
        Anchor back = AnchorTargets.readLoki(loki.url("/").toString(), "test-host", clock.instant());
        assertThat(back.seq()).isEqualTo(2);
        assertThat(back.hash()).isEqualTo(a.hash());
        RecordedRequest q = loki.takeRequest(5, TimeUnit.SECONDS);
        assertThat(q.getUrl().queryParameter("query")).isEqualTo("{job=\"p21mon_audit_anchor\",host=\"test-host\"}");
        assertThat(q.getUrl().queryParameter("direction")).isEqualTo("backward");
        assertThat(new AuditVerifier(store).verify(back).ok()).isTrue();
    }
}
