package io.perfect21.p21mon.dashboards;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The LogQL check against a corpus written from Loki's grammar ({@code logql-corpus.txt}: each query with the verdict
 * Loki's parser gives it), and the messages a user reads.
 */
class LogqlTest {
    @Test
    void agreesWithLokisGrammarOnTheCorpus() throws IOException {
        List<String> disagreements = new ArrayList<>();
        int ok = 0;
        int bad = 0;
        try (InputStream in = getClass().getResourceAsStream("/dashboards/logql-corpus.txt")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.split("\t", 2);
                String problem = Logql.problem(parts[1]);
                boolean expectOk = parts[0].equals("ok");
                if (expectOk) {
                    ok++;
                } else {
                    bad++;
                }
                if (expectOk != (problem == null)) {
                    disagreements.add(parts[0] + " " + parts[1] + (problem == null ? "" : " -> " + problem));
                }
            }
        }
        assertThat(disagreements).isEmpty();
        assertThat(ok).isGreaterThan(40);
        assertThat(bad).isGreaterThan(20);
    }

    @Test
    void messagesNameTheProblemAndColumn() {
        assertThat(Logql.problem("sum_over_time({app=\"api\"}[5m])"))
                .isEqualTo("sum_over_time needs a value: add | unwrap LABEL at column 1");
        assertThat(Logql.problem("{app=\"api\"} |= error")).startsWith("expected a quoted string after the line filter but found 'error' at column 16");
        assertThat(Logql.problem("{app=\"api\"} / 2")).startsWith("binary operator '/' needs metric queries");
        assertThat(Logql.problem("count_over_time({app=\"api\"})")).startsWith("count_over_time needs a range such as [5m]");
    }
}
