package io.perfect21.p21mon.audit;

import io.perfect21.p21mon.testing.FakeClock;
import io.perfect21.p21mon.testing.RealServer;
import io.perfect21.p21mon.testing.Servers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code audit anchor} to a real Pushgateway, and {@code verify --anchor pushgateway} reading it back. */
class AuditAnchorPushgatewayIT {
    static RealServer pushgateway;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        pushgateway = Servers.pushgateway();
    }

    @AfterAll
    static void stop() {
        pushgateway.close();
    }

    @Test
    void theHeadGoesToThePushgatewayAndVerifyReadsItBack() throws Exception {
        FakeClock clock = new FakeClock(Instant.parse("2026-11-23T10:00:00Z"));
        AuditStore store = AuditTesting.store(dir, clock);
        store.append(List.of(AuditTesting.event(1), AuditTesting.event(2), AuditTesting.event(3)));
        Anchor a = AnchorIo.head(store);
        AnchorTargets.write(a, "pushgateway", dir, pushgateway.baseUrl());

        String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(pushgateway.baseUrl() + "/metrics"))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
        assertThat(metrics).contains("p21_audit_head_seq{hash=\"" + a.hash() + "\",instance=\"test-host\",job=\"p21mon_audit\"} 3");

        Anchor back = AnchorTargets.read("pushgateway", dir, pushgateway.baseUrl(), "test-host");
        assertThat(back.seq()).isEqualTo(3);
        assertThat(back.hash()).isEqualTo(a.hash());
        assertThat(new AuditVerifier(store).verify(back).status()).isEqualTo("intact");

        store.append(List.of(AuditTesting.event(4)));
        AnchorTargets.write(AnchorIo.head(store), "pushgateway", dir, pushgateway.baseUrl());
        java.nio.file.Files.writeString(dir.resolve("audit-2026-11-23.jsonl"),
                String.join("\n", java.nio.file.Files.readAllLines(dir.resolve("audit-2026-11-23.jsonl")).subList(0, 2)) + "\n");
        VerifyReport r = new AuditVerifier(store).verify(AnchorTargets.read("pushgateway", dir, pushgateway.baseUrl(), "test-host"));
        assertThat(r.status()).isEqualTo("incomplete");
        assertThat(r.completeness().message()).contains("ends at seq 2").contains("anchor says seq 4");
    }
}
