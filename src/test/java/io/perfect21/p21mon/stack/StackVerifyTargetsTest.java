package io.perfect21.p21mon.stack;

import io.perfect21.p21mon.config.P21monConfig;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code stack verify} judges each Prometheus target by a scrape made after it began, never by a stale "up"
 * (Prometheus's {@code /api/v1/targets} wire format, served by MockWebServer).
 */
class StackVerifyTargetsTest {
    MockWebServer prometheus;
    final AtomicReference<String> lastScrape = new AtomicReference<>();
    final AtomicReference<String> health = new AtomicReference<>("up");

    @BeforeEach
    void start() throws Exception {
        prometheus = new MockWebServer();
        prometheus.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json").body("""
                        {"status":"success","data":{"activeTargets":[{"labels":{"job":"p21mon","instance":"web1:8080"},
                        "scrapeUrl":"http://web1:8080/metrics","lastError":"%s","lastScrape":"%s",
                        "lastScrapeDuration":0.004,"health":"%s"}],"droppedTargets":[]}}"""
                        .formatted(health.get().equals("up") ? "" : "connection refused", lastScrape.get(), health.get()))
                        .build();
            }
        });
        prometheus.start(0);
    }

    @AfterEach
    void stop() {
        prometheus.close();
    }

    private List<StackVerifyReport.Check> verify(long waitMillis) {
        return new StackVerifier(P21monConfig.defaults()).targets(prometheus.url("/").toString().replaceAll("/$", ""),
                System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMillis));
    }

    @Test
    void aStaleUpFromBeforeVerifyBeganFails() {
        lastScrape.set(Instant.now().minusSeconds(30).toString());
        List<StackVerifyReport.Check> checks = verify(700);
        assertThat(checks).singleElement().satisfies(c -> {
            assertThat(c.check()).isEqualTo("target p21mon web1:8080 up");
            assertThat(c.ok()).isFalse();
            assertThat(c.detail()).contains("not scraped since this verify began", "then up");
        });
    }

    @Test
    void aFreshScrapeDecides() {
        lastScrape.set(Instant.now().plusSeconds(5).toString());
        assertThat(verify(5_000)).singleElement().satisfies(c -> assertThat(c.ok()).as(c.toString()).isTrue());
        health.set("down");
        assertThat(verify(5_000)).singleElement().satisfies(c -> {
            assertThat(c.ok()).isFalse();
            assertThat(c.detail()).isEqualTo("down: connection refused");
        });
    }
}
