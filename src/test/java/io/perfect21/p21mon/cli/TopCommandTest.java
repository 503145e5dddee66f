package io.perfect21.p21mon.cli;

import io.perfect21.p21mon.metrics.FakeHostProbe;
import io.perfect21.p21mon.testing.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code top --plain -n 1}, what cron and pipes get: one complete frame, at full width off a terminal. */
class TopCommandTest {
    @TempDir
    Path dir;

    private static final String LONG = "OK - " + "x".repeat(150);

    private void config() throws Exception {
        Files.writeString(dir.resolve("p21mon.yaml"), """
                health:
                  cpu_sample_ms: 10
                  checks:
                    - {name: wide, type: command, command: ["sh", "-c", "echo '%s'"]}
                """.formatted(LONG));
    }

    @Test
    void oneFrameHasCpuNetworkTheChecksAndTheJobOfTheLatestRunUncut() throws Exception {
        config();
        Cli cli = Cli.in(dir).hostProbe(new FakeHostProbe());
        Cli.Result job = cli.run("run", "--name", "nightly-backup", "--", "true");
        assertThat(job.code()).as(job.toString()).isZero();

        Cli.Result r = cli.run("top", "--plain", "-n", "1", "--interval", "0.2");
        assertThat(r.code()).as(r.toString()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(r.out()).doesNotContain("(sampling)", "running…");
        assertThat(lines).anyMatch(l -> l.matches("CPU  \\[ *\\|* *\\] +\\d+\\.\\d%"));
        assertThat(lines).anyMatch(l -> l.startsWith("Load 0.50 0.25 0.13") && l.contains("Net rx 0 B/s  tx 0 B/s"));
        assertThat(lines).anyMatch(l -> l.contains("wide") && l.endsWith(LONG)); // past 100 columns, not cut
        assertThat(lines).anyMatch(l -> l.matches("  \\d\\d:\\d\\d:\\d\\d  agent_execution  \\S+  run nightly-backup  success"));
        assertThat(r.err()).isEmpty();
    }

    @Test
    void onATerminalPlainFramesAreCutAtColumns() throws Exception {
        config();
        Cli.Result r = Cli.in(dir).hostProbe(new FakeHostProbe()).terminal(true).env("COLUMNS", "90")
                .run("top", "--plain", "-n", "1", "--interval", "0.2");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out().lines()).allMatch(l -> l.length() <= 90).anyMatch(l -> l.contains("wide"));
    }

    @Test
    void twoFramesAreSeparatedByAnEmptyLine() throws Exception {
        config();
        Cli.Result r = Cli.in(dir).hostProbe(new FakeHostProbe()).run("top", "--plain", "-n", "2", "--interval", "0.1");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out().split("\n\np21mon top — ", -1)).hasSize(2);
    }
}
