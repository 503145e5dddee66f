package io.perfect21.p21mon.health;

import com.fasterxml.jackson.databind.JsonNode;
import io.perfect21.p21mon.testing.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static io.perfect21.p21mon.health.HealthIT.check;
import static io.perfect21.p21mon.health.HealthIT.runJson;
import static org.assertj.core.api.Assertions.assertThat;

/** A hung plugin with a 1 s timeout: the run ends in about a second, that check unknown, its process killed. */
class CommandTimeoutIT {
    @TempDir
    Path dir;

    static boolean sleeperAlive(String marker) {
        return ProcessHandle.allProcesses().anyMatch(p -> p.info().commandLine().orElse("").contains(marker) && p.isAlive());
    }

    @Test
    void aHungCommandIsUnknownAfterItsTimeoutAndKilled() throws Exception {
        String marker = "60.4242";
        long t0 = System.nanoTime();
        JsonNode r = runJson(Cli.in(dir), dir, "health:\n  timeout: 20s\n  checks:\n"
                + "    - {name: hung, type: command, timeout: 1s, command: [sleep, '" + marker + "']}\n"
                + "    - {name: hung-shell, type: command, timeout: 1s, command: 'sleep " + marker + "; echo never'}\n"
                + "    - {name: quick, type: command, command: 'echo fine'}\n");
        long ms = (System.nanoTime() - t0) / 1_000_000;
        // the run itself (the report's duration) is about the timeout; the wall adds config loading in a cold JVM
        assertThat(r.get("duration_ms").asLong()).isBetween(990L, 2500L);
        assertThat(ms).isLessThan(5000L);
        assertThat(r.get("status").asText()).isEqualTo("unknown");
        assertThat(check(r, "hung").get("status").asText()).isEqualTo("unknown");
        assertThat(check(r, "hung").get("message").asText()).isEqualTo("timed out after 1s");
        assertThat(check(r, "hung-shell").get("status").asText()).isEqualTo("unknown");
        assertThat(check(r, "quick").get("status").asText()).isEqualTo("healthy");
        long deadline = System.currentTimeMillis() + 3000;
        while (sleeperAlive(marker) && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        assertThat(sleeperAlive(marker)).as("the timed-out plugins were killed").isFalse();
    }
}
