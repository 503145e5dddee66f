package io.perfect21.p21mon.alerts;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AlertStateTest {
    @TempDir
    Path dir;

    private static AlertState.Entry entry(String name, boolean firing) {
        return new AlertState.Entry(firing ? "critical" : "ok", firing, Map.of("alertname", name), Map.of("summary", name),
                Instant.parse("2026-11-26T10:00:00Z"), Instant.parse("2026-11-26T10:00:00Z"));
    }

    @Test
    void firingListsTheFiringEntriesOfEveryNamespaceAndSkipsAnUnreadableFile() throws Exception {
        AlertState health = AlertState.load(dir, "health");
        health.put("a", entry("DiskFull", true));
        health.put("b", entry("Quiet", false));
        health.save();
        AlertState eval = AlertState.load(dir, "alerts");
        eval.put("c", entry("HighLoad", true));
        eval.save();
        Files.writeString(dir.resolve("broken-alerts.json"), "{not json");
        assertThat(AlertState.firing(dir)).extracting(e -> e.labels().get("alertname"))
                .containsExactlyInAnyOrder("DiskFull", "HighLoad");
        assertThat(AlertState.firing(dir.resolve("none"))).isEmpty();
    }
}
