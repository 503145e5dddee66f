package io.perfect21.p21mon.health.checks;

import io.perfect21.p21mon.audit.AuditEventType;
import io.perfect21.p21mon.audit.AuditLevel;
import io.perfect21.p21mon.audit.AuditLogger;
import io.perfect21.p21mon.config.CheckConfig;
import io.perfect21.p21mon.config.P21monConfig;
import io.perfect21.p21mon.health.HealthCheckResult;
import io.perfect21.p21mon.health.HealthContext;
import io.perfect21.p21mon.health.HealthStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class SelfCheckAuditTest {
    @TempDir
    Path dir;

    private HealthCheckResult selfCheck() {
        P21monConfig config = P21monConfig.defaults();
        HealthContext ctx = new HealthContext(config, Optional.empty(), () -> null, Map.of(), dir, dir.resolve("state"));
        return new SelfCheck(CheckConfig.of("p21mon", "p21mon", Map.of()), ctx).check();
    }

    private void logTwoEvents() {
        AuditLogger logger = AuditLogger.open(P21monConfig.defaults().audit(), dir, dir.resolve("state"));
        logger.logUserEvent(AuditEventType.USER_ACTION, "alice", "export", "customers", "success", Map.of(), null, null,
                AuditLevel.INFO);
        logger.logUserEvent(AuditEventType.DATA_READ, "bob", "read", "orders", "success", Map.of(), null, null,
                AuditLevel.INFO);
    }

    @Test
    void noAuditLogYetIsHealthyWithoutAChainVerdict() {
        HealthCheckResult r = selfCheck();
        assertThat(r.status()).isEqualTo(HealthStatus.HEALTHY);
        assertThat(r.details()).doesNotContainKey("audit_chain");
    }

    @Test
    void anIntactChainIsHealthyAndCounted() {
        logTwoEvents();
        HealthCheckResult r = selfCheck();
        assertThat(r.status()).isEqualTo(HealthStatus.HEALTHY);
        assertThat(r.details()).containsEntry("audit_chain", "intact").containsEntry("audit_records", 2L);
        assertThat(r.message()).contains("audit chain intact (2 records)");
    }

    @Test
    void anEditedRecordMakesTheSelfCheckUnhealthyNamingTheLine() throws Exception {
        logTwoEvents();
        Path file;
        try (Stream<Path> files = Files.list(dir.resolve("state/audit"))) {
            file = files.filter(f -> f.getFileName().toString().endsWith(".jsonl")).findFirst().orElseThrow();
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        lines.set(1, lines.get(1).replace("\"bob\"", "\"eve\""));
        Files.write(file, lines, StandardCharsets.UTF_8);

        HealthCheckResult r = selfCheck();
        assertThat(r.status()).isEqualTo(HealthStatus.UNHEALTHY);
        assertThat(r.details()).containsEntry("audit_chain", "broken");
        assertThat(r.message()).contains("audit chain broken").contains(file.getFileName().toString()).contains("line 2");
    }
}
