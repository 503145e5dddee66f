package io.perfect21.p21mon.health;

import com.fasterxml.jackson.databind.JsonNode;
import io.perfect21.p21mon.testing.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static io.perfect21.p21mon.health.HealthIT.check;
import static io.perfect21.p21mon.health.HealthIT.runJson;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A hung plugin with a 1 s timeout: that check is unknown with the timeout's message, its process killed, and the run
 * ends without waiting for it (the health-wide 20 s timeout never comes into play).
 */
class CommandTimeoutIT {
    @TempDir
    Path dir;

    static boolean sleeperAlive(String marker) {
        return ProcessHandle.allProcesses().anyMatch(p -> p.info().commandLine().orElse("").contains(marker) && p.isAlive());
    }

    @Test
    void aHungCommandIsUnknownAfterItsTimeoutAndKilled() throws Exception {
        String marker = "60.4242";
        JsonNode r = runJson(Cli.in(dir), dir, "health:\n  timeout: 20s\n  checks:\n"
                + "    - {name: hung, type: command, timeout: 1s, command: [sleep, '" + marker + "']}\n"
                + "    - {name: hung-shell, type: command, timeout: 1s, command: 'sleep " + marker + "; echo never'}\n"
                + "    - {name: quick, type: command, command: 'echo fine'}\n");
        // the outcome proves the 1 s timeout fired; the bound below is only a guard against a run that waited for
        // the plugins (60 s) or for the health-wide timeout (20 s)
        assertThat(r.get("duration_ms").asLong()).isLessThan(15_000L);
        assertThat(r.get("status").asText()).isEqualTo("unknown");
        assertThat(check(r, "hung").get("status").asText()).isEqualTo("unknown");
        assertThat(check(r, "hung").get("message").asText()).isEqualTo("timed out after 1s");
        assertThat(check(r, "hung-shell").get("status").asText()).isEqualTo("unknown");
        assertThat(check(r, "quick").get("status").asText()).isEqualTo("healthy");
        long deadline = System.currentTimeMillis() + 30_000; // a kill is quick; this only bounds the wait
        while (sleeperAlive(marker) && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        assertThat(sleeperAlive(marker)).as("the timed-out plugins were killed").isFalse();
    }

    @Test
    void withoutItsOwnTimeoutACheckGetsHealthTimeout() throws Exception {
        String marker = "61.4242";
        JsonNode r = runJson(Cli.in(dir), dir, "health:\n  timeout: 1s\n  checks:\n"
                + "    - {name: hung, type: command, command: [sleep, '" + marker + "']}\n");
        assertThat(r.get("duration_ms").asLong()).isLessThan(15_000L);
        assertThat(check(r, "hung").get("status").asText()).isEqualTo("unknown");
        assertThat(check(r, "hung").get("message").asText()).isEqualTo("timed out after 1s");
        long deadline = System.currentTimeMillis() + 30_000;
        while (sleeperAlive(marker) && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        assertThat(sleeperAlive(marker)).as("the timed-out plugin was killed").isFalse();
    }
}
