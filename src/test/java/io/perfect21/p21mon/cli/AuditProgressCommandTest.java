package io.perfect21.p21mon.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Progress of import, verify, export and prune goes to stderr only when stderr is a terminal and -q is not given;
 * stdout (-o json, an export to stdout) is byte-identical with and without it.
 */
class AuditProgressCommandTest {
    @TempDir
    Path work;

    String out;
    String err;
    final Clock clock = Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC);

    @BeforeEach
    void input() throws Exception {
        Files.createDirectories(work.resolve("home"));
        StringBuilder sb = new StringBuilder();
        Instant start = Instant.parse("2026-11-01T00:00:00Z");
        for (int i = 0; i < 10_000; i++) {
            sb.append("{\"event_type\":\"user_action\",\"timestamp\":\"").append(start.plusSeconds(i * 60L))
                    .append("\",\"event_id\":\"e").append(i).append("\",\"user_id\":\"u").append(i % 7)
                    .append("\",\"action\":\"a\",\"result\":\"success\"}\n");
        }
        Files.writeString(work.resolve("events.jsonl"), sb);
    }

    /** Runs with stderr a terminal or not; progress drawn at every update (P21MON_PROGRESS_MS=0) so it shows. */
    int run(boolean stderrTerminal, String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        Services s = new Services(Map.of("HOME", work.resolve("home").toString(), "NO_COLOR", "1",
                "P21MON_PROGRESS_MS", "0"), work, clock, false, () -> null).withStderrTerminal(stderrTerminal);
        int code = P21mon.commandLine(s, new PrintWriter(o), new PrintWriter(e)).execute(args);
        out = o.toString();
        err = e.toString();
        return code;
    }

    @Test
    void drawnOnATerminalOnlyAndNeverOnStdout() {
        assertThat(run(true, "audit", "import", "--dir", "a", "--timezone", "UTC", "events.jsonl", "-o", "json")).isZero();
        String withProgress = out.replaceAll("\"duration_millis\" : \\d+", "");
        assertThat(err).contains("\rimport: ").contains(" records ").endsWith("\r").doesNotContain("\n");
        assertThat(out).doesNotContain("\r");
        assertThat(run(false, "audit", "import", "--dir", "b", "--timezone", "UTC", "events.jsonl", "-o", "json")).isZero();
        assertThat(err).isEmpty();
        assertThat(out.replaceAll("\"duration_millis\" : \\d+", "")).isEqualTo(withProgress);
        assertThat(run(true, "-q", "audit", "import", "--dir", "c", "--timezone", "UTC", "events.jsonl")).isZero();
        assertThat(err).isEmpty();

        for (String[] args : new String[][]{{"audit", "verify", "--dir", "a", "-o", "json"},
            {"audit", "export", "--dir", "a"}}) {
            assertThat(run(true, args)).isZero();
            String drawn = out;
            assertThat(err).contains("\r" + args[1] + ": ").endsWith("\r");
            assertThat(run(false, args)).isZero();
            assertThat(err).isEmpty();
            assertThat(out).as("stdout of %s", String.join(" ", args)).isEqualTo(drawn);
        }

        assertThat(run(true, "audit", "prune", "--dir", "a", "--older-than", "25d", "-o", "json")).isZero();
        assertThat(err).contains("\rprune: ").endsWith("\r");
        assertThat(run(true, "audit", "prune", "--dir", "b", "--older-than", "25d", "-q", "-o", "json")).isZero();
        assertThat(err).isEmpty();
    }
}
