package io.perfect21.p21mon.cli;

import io.perfect21.p21mon.testing.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code man/*.1} are generated from the command model by {@link ManPages}; this test regenerates them in memory and
 * fails when the committed ones are stale (a command, option or help text changed). Rewrite them with {@link #UPDATE}.
 */
class ManPagesTest {
    static final String UPDATE = "mvn -B -q test -Dtest=ManPagesTest -Dman.update=true";
    private static final Path DIR = Path.of("man");

    @TempDir
    Path dir;

    private Map<String, String> pages() {
        PrintWriter sink = new PrintWriter(new StringWriter());
        return ManPages.all(P21mon.commandLine(Cli.in(dir).services(), sink, sink));
    }

    @Test
    void committedManPagesAreCurrent() throws IOException {
        Map<String, String> pages = pages();
        if (Boolean.getBoolean("man.update")) {
            Files.createDirectories(DIR);
            try (Stream<Path> old = Files.list(DIR)) {
                for (Path p : old.filter(p -> p.toString().endsWith(".1")).toList()) {
                    Files.delete(p);
                }
            }
            for (Map.Entry<String, String> e : pages.entrySet()) {
                Files.writeString(DIR.resolve(e.getKey()), e.getValue(), StandardCharsets.UTF_8);
            }
        }
        String stale = "man/ is stale (a command, option or help text changed); regenerate it with:\n  " + UPDATE;
        Set<String> committed;
        try (Stream<Path> files = Files.list(DIR)) {
            committed = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".1"))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        assertThat(committed).as(stale).isEqualTo(new TreeSet<>(pages.keySet()));
        for (Map.Entry<String, String> e : pages.entrySet()) {
            assertThat(Files.readString(DIR.resolve(e.getKey()), StandardCharsets.UTF_8)).as(stale + "\n" + e.getKey())
                    .isEqualTo(e.getValue());
        }
    }

    @Test
    void everyCommandHasAPageWithItsOptionsAndExitCodes() {
        Map<String, String> pages = pages();
        assertThat(pages).containsKeys("p21mon.1", "p21mon-health.1", "p21mon-config-validate.1", "p21mon-audit-log.1",
                "p21mon-metrics-serve.1");
        assertThat(pages).doesNotContainKeys("p21mon-help.1", "p21mon-generate-completion.1");
        String health = pages.get("p21mon-health.1");
        assertThat(health).startsWith(".\\\"").contains(".TH \"P21MON-HEALTH\" \"1\"").contains(".SH NAME\np21mon\\-health \\- ")
                .contains("\\fB\\-\\-watch\\fR=\\fISECONDS\\fR").contains(".SH EXIT STATUS").contains("\\fB3\\fR\nUNKNOWN");
        assertThat(pages.get("p21mon.1")).contains(".SH COMMANDS").contains("\\fBp21mon\\-audit\\fR(1)");
    }
}
