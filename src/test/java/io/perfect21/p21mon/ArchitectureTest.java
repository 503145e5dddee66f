package io.perfect21.p21mon;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The layering of SPEC §5 and STYLE.md, checked on the sources: only {@code cli} (commands and rendering) knows
 * picocli and writes to the terminal; only the entry point ends the JVM; every import arrow between our packages is
 * one the house chose ({@link #ALLOWED}); every package says what it owns in a {@code package-info.java}.
 */
class ArchitectureTest {
    private static final Path MAIN = Path.of("src/main/java");
    private static final String CLI = "io/perfect21/p21mon/cli/";
    private static final String ENTRY_POINT = CLI + "P21mon.java";

    private static final Pattern IMPORTS_PICOCLI = Pattern.compile("(?m)^\\s*import\\s+(static\\s+)?picocli\\.");
    private static final Pattern IMPORTS_CLI = Pattern.compile("(?m)^\\s*import\\s+(static\\s+)?io\\.perfect21\\.p21mon\\.cli[.;]");
    private static final Pattern USES_PICOCLI = Pattern.compile("\\bpicocli\\.[A-Za-z]");
    private static final Pattern USES_CLI = Pattern.compile("\\bio\\.perfect21\\.p21mon\\.cli\\.");
    private static final Pattern STD_STREAMS = Pattern.compile("\\bSystem\\s*\\.\\s*(out|err)\\b");
    /** A reference to one of our types: {@code io.perfect21.p21mon.[sub.package.]Type} (or a wildcard import). */
    private static final Pattern OUR_TYPE = Pattern.compile("\\bio\\.perfect21\\.p21mon\\.((?:[a-z_][a-z0-9_]*\\.)*)(?:[A-Z_$]|\\*)");
    private static final String ROOT = "root";
    private static final List<String> EVERY_FEATURE_AND_ADAPTER = List.of("config", "health", "health.checks", "metrics",
            "alerts", "alerts.notify", "audit", "dashboards", "stack", "tracing", "jobs", "host", "client", ROOT);

    /**
     * The arrows of the house (STYLE.md: cli → features → adapters), package by package: what each may import
     * besides itself. {@code root} is {@code io.perfect21.p21mon} itself (AtomicFiles, Json, P21monException),
     * usable by all. A sub-package without a row of its own counts as its parent ({@code stack.compose} is
     * {@code stack}). Measured on 2026-11-26 and extended by the arrows of packages being built in parallel
     * (dashboards, stack, tracing, alerts); a new arrow is a choice: add it here, with a reason if it is not obvious.
     */
    static final Map<String, Set<String>> ALLOWED = arrows(
            // ---- adapters and helpers: they serve, they import no feature
            row(ROOT, "config"), // Json writes durations as config reads them (config.Durations); the one upward arrow of root
            row("config", ROOT),
            row("host", ROOT),
            row("client", ROOT),
            // ---- features
            row("audit", "config", "host", "client", ROOT), // host: the host name on records; client: shipping to Loki
            row("health", "health.checks", "config", "host", "client", "tracing", ROOT), // never alerts: alerts → health
            // the checks implement health's interfaces; audit: the self check reads the audit log's state
            row("health.checks", "health", "audit", "config", "host", "client", ROOT),
            row("metrics", "health", "config", "host", "client", ROOT), // health: health results become p21_health_*
            row("alerts", "alerts.notify", "health", "metrics", "tracing", "config", "host", "client", ROOT),
            row("alerts.notify", "alerts", "health", "config", "client", ROOT), // the channels of alerts, sending its notifications
            row("dashboards", "config", "metrics", "alerts", "client", ROOT), // metrics/alerts: panels of our metric names and rules
            row("stack", "config", "alerts", "dashboards", "metrics", "client", "host", ROOT), // stack up provisions the rest
            row("tracing", "config", "client", ROOT), // client: traces commands read Jaeger's query API
            // run's job wrapper: a span, the job metrics pushed, an audit event, an alert on failure
            row("jobs", "tracing", "alerts", "alerts.notify", "audit", "metrics", "client", "config", ROOT),
            // ---- the command line: commands see everything; rendering sees the results, never the commands
            row("cli.render", EVERY_FEATURE_AND_ADAPTER.toArray(String[]::new)),
            row("cli", Stream.concat(EVERY_FEATURE_AND_ADAPTER.stream(), Stream.of("cli.render")).toArray(String[]::new)));

    private static final Pattern EXIT = Pattern.compile("\\bSystem\\s*\\.\\s*exit\\s*\\(|\\bRuntime\\s*\\.\\s*getRuntime\\s*\\(\\s*\\)\\s*\\.\\s*(exit|halt)\\s*\\(");

    @Test
    void corePackagesDoNotKnowTheCli() throws IOException {
        List<String> offenders = new ArrayList<>();
        for (Source s : sources()) {
            if (s.path().startsWith(CLI)) {
                continue;
            }
            if (IMPORTS_PICOCLI.matcher(s.code()).find() || USES_PICOCLI.matcher(s.code()).find()) {
                offenders.add(s.path() + " uses picocli");
            }
            if (IMPORTS_CLI.matcher(s.code()).find() || USES_CLI.matcher(s.code()).find()) {
                offenders.add(s.path() + " uses io.perfect21.p21mon.cli");
            }
        }
        assertThat(offenders).as("core packages never import picocli or the cli package (SPEC §5); move the code "
                + "into cli, or pass what it needs in").isEmpty();
    }

    @Test
    void corePackagesDoNotWriteToTheTerminal() throws IOException {
        List<String> offenders = new ArrayList<>();
        for (Source s : sources()) {
            if (!s.path().startsWith(CLI) && STD_STREAMS.matcher(s.code()).find()) {
                offenders.add(s.path());
            }
        }
        assertThat(offenders).as("core code never writes to System.out/System.err: return results, or take a "
                + "PrintWriter/listener from the command").isEmpty();
    }

    @Test
    void onlyTheEntryPointExits() throws IOException {
        List<String> offenders = new ArrayList<>();
        for (Source s : sources()) {
            if (!s.path().equals(ENTRY_POINT) && EXIT.matcher(s.code()).find()) {
                offenders.add(s.path());
            }
        }
        assertThat(offenders).as("only %s calls System.exit: return an exit code or throw P21monException", ENTRY_POINT)
                .isEmpty();
    }

    @Test
    void theScanSeesTheSources() throws IOException {
        assertThat(sources()).extracting(Source::path).contains(ENTRY_POINT, "io/perfect21/p21mon/config/ConfigLoader.java");
    }

    @Test
    void rulesSeeCodeButNotProse() {
        String prose = stripCommentsAndStrings("""
                /** calls System.exit( and System.out */
                // import picocli.CommandLine;
                String s = "System.err.println(";
                """);
        assertThat(STD_STREAMS.matcher(prose).find() || EXIT.matcher(prose).find() || IMPORTS_PICOCLI.matcher(prose).find())
                .isFalse();
        String code = stripCommentsAndStrings("import picocli.CommandLine;\nclass A { void f() { System.out.println(\"x\"); System.exit(1); } }");
        assertThat(IMPORTS_PICOCLI.matcher(code).find()).isTrue();
        assertThat(STD_STREAMS.matcher(code).find()).isTrue();
        assertThat(EXIT.matcher(code).find()).isTrue();
    }

    @Test
    void everyImportBetweenOurPackagesIsAnArrowOfTheHouse() throws IOException {
        assertThat(forbiddenArrows(sources())).as("import arrows nobody chose (ArchitectureTest.ALLOWED lists the chosen "
                + "ones: cli → features → adapters); invert the dependency, move the type, or add the arrow with its "
                + "reason").isEmpty();
    }

    @Test
    void theArrowCheckCatchesAForbiddenImport() {
        List<Source> fake = List.of(
                new Source("io/perfect21/p21mon/host/Fake.java", stripCommentsAndStrings(
                        "package io.perfect21.p21mon.host;\nimport io.perfect21.p21mon.health.HealthReport;\n"
                                + "import io.perfect21.p21mon.Json;\nclass Fake {}")),
                new Source("io/perfect21/p21mon/client/Fake.java", stripCommentsAndStrings(
                        "package io.perfect21.p21mon.client;\n// import io.perfect21.p21mon.cli.P21mon;\n"
                                + "class Fake { io.perfect21.p21mon.alerts.notify.NotificationChannel c; }")),
                new Source("io/perfect21/p21mon/tracing/otlp/Fake.java", stripCommentsAndStrings(
                        "package io.perfect21.p21mon.tracing.otlp;\nimport static io.perfect21.p21mon.audit.AuditJson.line;\n"
                                + "import io.perfect21.p21mon.tracing.Tracing;\nimport io.perfect21.p21mon.config.*;\nclass Fake {}")),
                new Source("io/perfect21/p21mon/alerts/Fake.java", stripCommentsAndStrings(
                        "package io.perfect21.p21mon.alerts;\nimport io.perfect21.p21mon.health.HealthReport;\nclass Fake {}")),
                new Source("io/perfect21/p21mon/newthing/Fake.java", "package io.perfect21.p21mon.newthing;\nclass Fake {}"));
        assertThat(forbiddenArrows(fake)).containsExactly(
                "host → health (io/perfect21/p21mon/host/Fake.java)",
                "client → alerts.notify (io/perfect21/p21mon/client/Fake.java)",
                "tracing → audit (io/perfect21/p21mon/tracing/otlp/Fake.java)",
                "newthing has no row in ALLOWED (io/perfect21/p21mon/newthing/Fake.java)");
    }

    @Test
    void everyPackageSaysWhatItOwns() throws IOException {
        assertThat(packagesWithoutInfo(MAIN)).as("packages without a package-info.java (what the package owns, where "
                + "its flow starts: one short paragraph)").isEmpty();
    }

    @Test
    void thePackageInfoCheckCatchesAPackageWithout(@org.junit.jupiter.api.io.TempDir Path tmp) throws IOException {
        Files.createDirectories(tmp.resolve("io/x/a"));
        Files.createDirectories(tmp.resolve("io/x/b"));
        Files.writeString(tmp.resolve("io/x/a/A.java"), "package io.x.a;");
        Files.writeString(tmp.resolve("io/x/a/package-info.java"), "package io.x.a;");
        Files.writeString(tmp.resolve("io/x/b/B.java"), "package io.x.b;");
        assertThat(packagesWithoutInfo(tmp)).containsExactly("io/x/b");
    }

    /** The imports (and fully qualified uses) of our own packages that {@link #ALLOWED} does not list. */
    static List<String> forbiddenArrows(List<Source> sources) {
        List<String> out = new ArrayList<>();
        for (Source s : sources) {
            int slash = s.path().lastIndexOf('/');
            String from = node(packageOf(slash < 0 ? "" : s.path().substring(0, slash)));
            if (!ALLOWED.containsKey(from)) {
                out.add(from + " has no row in ALLOWED (" + s.path() + ")");
                continue;
            }
            Set<String> seen = new TreeSet<>();
            Matcher m = OUR_TYPE.matcher(s.code());
            while (m.find()) {
                String sub = m.group(1);
                String to = node(sub.isEmpty() ? ROOT : sub.substring(0, sub.length() - 1));
                if (!to.equals(from) && !ALLOWED.get(from).contains(to) && seen.add(to)) {
                    out.add(from + " → " + to + " (" + s.path() + ")");
                }
            }
        }
        return out;
    }

    /** {@code io/perfect21/p21mon/health/checks} → {@code health.checks}; our root package → {@code root}. */
    private static String packageOf(String dir) {
        String base = "io/perfect21/p21mon";
        if (dir.equals(base)) {
            return ROOT;
        }
        return dir.startsWith(base + "/") ? dir.substring(base.length() + 1).replace('/', '.') : dir.replace('/', '.');
    }

    /** The row a package falls under: its own, else its top-level package's (a sub-package counts as its parent). */
    private static String node(String pkg) {
        if (ALLOWED.containsKey(pkg) || !pkg.contains(".")) {
            return pkg;
        }
        String top = pkg.substring(0, pkg.indexOf('.'));
        return ALLOWED.containsKey(top) ? top : pkg;
    }

    private static Map.Entry<String, Set<String>> row(String from, String... to) {
        return Map.entry(from, Set.of(to));
    }

    @SafeVarargs
    private static Map<String, Set<String>> arrows(Map.Entry<String, Set<String>>... rows) {
        Map<String, Set<String>> m = new LinkedHashMap<>();
        for (Map.Entry<String, Set<String>> r : rows) {
            if (m.put(r.getKey(), r.getValue()) != null) {
                throw new IllegalStateException("two rows for " + r.getKey());
            }
        }
        return m;
    }

    /** Directories under {@code root} holding Java sources but no {@code package-info.java}, relative, with '/'. */
    static List<String> packagesWithoutInfo(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.toString().endsWith(".java")).map(Path::getParent).distinct()
                    .filter(d -> !Files.exists(d.resolve("package-info.java")))
                    .map(d -> root.relativize(d).toString().replace('\\', '/')).sorted().toList();
        }
    }

    record Source(String path, String code) {
    }

    /** Every main source file, path relative to src/main/java with '/', code without comments and string literals. */
    private static List<Source> sources() throws IOException {
        try (Stream<Path> files = Files.walk(MAIN)) {
            List<Source> out = new ArrayList<>();
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                String rel = MAIN.relativize(f).toString().replace('\\', '/');
                out.add(new Source(rel, stripCommentsAndStrings(Files.readString(f, StandardCharsets.UTF_8))));
            }
            return out;
        }
    }

    /** Blanks comments, string literals (text blocks too) and char literals, so prose cannot trip the rules. */
    static String stripCommentsAndStrings(String src) {
        StringBuilder out = new StringBuilder(src.length());
        int i = 0;
        int n = src.length();
        while (i < n) {
            char c = src.charAt(i);
            if (c == '/' && i + 1 < n && src.charAt(i + 1) == '/') {
                while (i < n && src.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '/' && i + 1 < n && src.charAt(i + 1) == '*') {
                int end = src.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
                out.append(' ');
            } else if (src.startsWith("\"\"\"", i)) {
                int end = src.indexOf("\"\"\"", i + 3);
                i = end < 0 ? n : end + 3;
                out.append("\"\"");
            } else if (c == '"' || c == '\'') {
                int j = i + 1;
                while (j < n && src.charAt(j) != c && src.charAt(j) != '\n') {
                    j += src.charAt(j) == '\\' ? 2 : 1;
                }
                i = Math.min(n, j + 1);
                out.append(c).append(c);
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }
}
