package io.perfect21.p21mon.health;

import io.perfect21.p21mon.testing.Cli;
import io.perfect21.p21mon.testing.Servers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code nagios} output read by a parser written here from the Monitoring Plugins Development Guidelines (not
 * p21mon's own): the status line, the performance data, and the thresholds in it evaluated at their boundaries must
 * agree with the status p21mon reported. The value is the dirty file count of a real git repository.
 */
class NagiosOutputIT {
    @TempDir
    Path dir;

    /** {@code 'label'=value[UOM];[warn[;crit[;min[;max]]]]}, labels quoted when they hold spaces. */
    static final Pattern PERF = Pattern.compile("('(?:[^']|'')+'|[^'= ]+)=(-?[0-9.]+)([a-zA-Z%]*)(?:;([^; ]*))?(?:;([^; ]*))?(?:;([^; ]*))?(?:;([^; ]*))?");

    record Datum(String label, double value, String uom, String warn, String crit) {
    }

    static List<Datum> perfdata(String statusLine) {
        int bar = statusLine.indexOf('|');
        List<Datum> out = new ArrayList<>();
        if (bar < 0) {
            return out;
        }
        String perf = statusLine.substring(bar + 1).trim();
        Matcher m = PERF.matcher(perf);
        int end = 0;
        while (m.find()) {
            assertThat(perf.substring(end, m.start()).isBlank()).as("garbage between perfdata items: " + perf).isTrue();
            String label = m.group(1).startsWith("'") ? m.group(1).substring(1, m.group(1).length() - 1).replace("''", "'") : m.group(1);
            out.add(new Datum(label, Double.parseDouble(m.group(2)), m.group(3), nz(m.group(4)), nz(m.group(5))));
            end = m.end();
        }
        assertThat(perf.substring(end)).isBlank();
        return out;
    }

    static String nz(String s) {
        return s == null ? "" : s;
    }

    /** The guidelines' rule: alert if the value is outside start..end (inside, with a leading @); ends inclusive. */
    static boolean alerts(String range, double v) {
        if (range.isEmpty()) {
            return false;
        }
        boolean inside = range.startsWith("@");
        String r = inside ? range.substring(1) : range;
        double start = 0;
        double end;
        if (!r.contains(":")) {
            end = Double.parseDouble(r);
        } else {
            String[] p = r.split(":", -1);
            start = p[0].equals("~") ? Double.NEGATIVE_INFINITY : Double.parseDouble(p[0]);
            end = p[1].isEmpty() ? Double.POSITIVE_INFINITY : Double.parseDouble(p[1]);
        }
        boolean outside = v < start || v > end;
        return inside != outside;
    }

    static final Map<String, Integer> CODES = Map.of("OK", 0, "WARNING", 1, "CRITICAL", 2, "UNKNOWN", 3);

    @Test
    void statusLinePerfdataAndRangesAgreeAtEveryBoundary() throws Exception {
        String git = Servers.binary("git").toString();
        Path repo = dir.resolve("repo");
        Files.createDirectories(repo);
        HealthIT.sh(repo, git, "init", "-q");
        String[][] cases = {
            {"10", "9"}, {"10", "10"}, {"10", "11"},
            {"10:", "9"}, {"10:", "10"}, {"10:", "11"},
            {"~:10", "10"}, {"~:10", "11"},
            {"10:20", "9"}, {"10:20", "10"}, {"10:20", "20"}, {"10:20", "21"},
            {"@10:20", "9"}, {"@10:20", "10"}, {"@10:20", "20"}, {"@10:20", "21"},
        };
        int checked = 0;
        for (String[] c : cases) {
            String range = c[0];
            int dirty = Integer.parseInt(c[1]);
            try (var files = Files.list(repo)) {
                for (Path f : files.filter(p -> !p.getFileName().toString().equals(".git")).toList()) {
                    Files.delete(f);
                }
            }
            for (int i = 0; i < dirty; i++) {
                Files.writeString(repo.resolve("f" + i), "x");
            }
            // staged, so they are dirty (tracked with uncommitted changes); untracked files are counted apart
            HealthIT.sh(repo, git, "add", "-A");
            Files.writeString(dir.resolve("p21mon.yaml"), "health:\n  checks:\n"
                    + "    - {name: repo, type: git, path: repo, critical: '" + range + "'}\n"
                    + "    - {name: also, type: git, path: repo, warning: '" + range + "'}\n");
            Cli.Result r = Cli.in(dir).run("health", "-o", "nagios");
            List<String> lines = r.out().lines().toList();
            Matcher status = Pattern.compile("^P21MON (OK|WARNING|CRITICAL|UNKNOWN) - [^|]+( \\| .*)?$").matcher(lines.get(0));
            assertThat(status.matches()).as(lines.get(0)).isTrue();
            assertThat(r.code()).isEqualTo(CODES.get(status.group(1)));
            assertThat(lines).hasSize(3);
            assertThat(lines.get(1)).matches("\\[(OK|WARNING|CRITICAL|UNKNOWN)\\] repo \\(git\\): .*");

            List<Datum> perf = perfdata(lines.get(0));
            Datum crit = perf.stream().filter(d -> d.label().equals("repo.dirty_files")).findFirst().orElseThrow();
            Datum warn = perf.stream().filter(d -> d.label().equals("also.dirty_files")).findFirst().orElseThrow();
            assertThat(crit.value()).isEqualTo(dirty);
            assertThat(crit.crit()).isEqualTo(range);
            assertThat(warn.warn()).isEqualTo(range);
            String expectRepo = alerts(crit.crit(), crit.value()) ? "CRITICAL" : "OK";
            String expectAlso = alerts(warn.warn(), warn.value()) ? "WARNING" : "OK";
            assertThat(lines.get(1)).as(range + " at " + dirty).startsWith("[" + expectRepo + "] repo");
            assertThat(lines.get(2)).as(range + " at " + dirty).startsWith("[" + expectAlso + "] also");
            String worst = expectRepo.equals("CRITICAL") ? "CRITICAL" : expectAlso;
            assertThat(status.group(1)).isEqualTo(worst);
            checked++;
        }
        assertThat(checked).isEqualTo(cases.length);
    }
}
