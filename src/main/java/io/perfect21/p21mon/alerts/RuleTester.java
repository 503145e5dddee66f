package io.perfect21.p21mon.alerts;

import io.perfect21.p21mon.IoErrors;
import io.perfect21.p21mon.AtomicFiles;
import io.perfect21.p21mon.P21monException;
import io.perfect21.p21mon.config.P21monConfig;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * {@code alerts test}: runs promtool over the rules. First p21mon's own unit tests (shipped as
 * {@code p21mon-rules.test.yml}) against the rules of the built-in defaults with their annotations left out (the tests
 * check when each alert fires; annotation text is checked by p21mon's own tests); then {@code promtool check rules}
 * over the rules of the user's configuration (with the files of {@code alerting.rule_files}, as they are), and the
 * user's test files ({@code alerting.rule_test_files}), each
 * copied beside those generated files so that their {@code rule_files} name them ({@code p21mon-alerts.yml},
 * {@code user.yml}, …).
 */
public final class RuleTester {
    /** The shipped unit tests' file name. */
    public static final String SHIPPED_TESTS = "p21mon-rules.test.yml";

    /** One promtool run: what it checked, the command, its exit code and its output (stdout and stderr merged). */
    public record Run(String suite, List<String> command, int exitCode, String output) {
    }

    /** Every run of one {@code alerts test}. */
    public record RuleTestReport(List<Run> runs) {
        public RuleTestReport {
            runs = List.copyOf(runs);
        }

        /** 0 when every run passed, else the first failing run's promtool exit code. */
        public int exitCode() {
            return runs.stream().mapToInt(Run::exitCode).filter(c -> c != 0).findFirst().orElse(0);
        }
    }

    private final Path promtool;
    private final Path workDir;

    public RuleTester(Path promtool, Path workDir) {
        this.promtool = promtool;
        this.workDir = workDir;
    }

    /**
     * The promtool to run: {@code override} when given, else {@code promtool} on the PATH.
     *
     * @throws P21monException (usage) when there is none, saying how to install it
     */
    public static Path findPromtool(Map<String, String> env, Path override) {
        if (override != null) {
            if (Files.isExecutable(override)) {
                return override;
            }
            throw P21monException.usage("--promtool " + override + " is not an executable file");
        }
        String path = env.getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = dir.isEmpty() ? null : Path.of(dir, "promtool");
            if (candidate != null && Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw P21monException.usage("promtool is not on the PATH: 'alerts test' runs 'promtool test rules'. Install it "
                + "(Debian/Ubuntu: apt-get install --no-install-recommends prometheus; or the prometheus release tarball), "
                + "or give its path with --promtool");
    }

    /** Runs the shipped tests, then checks the user's rules and runs the user's test files. */
    public RuleTestReport run(P21monConfig config) {
        return run(config, UserRuleFiles.load(config.alerting(), workDir));
    }

    /**
     * As {@link #run(P21monConfig)}, with the Prometheus rule files of {@code alerting.rule_files} copied unchanged
     * beside the generated ones ({@code user-NAME.yml}) and checked by promtool with them.
     */
    public RuleTestReport run(P21monConfig config, UserRuleFiles userFiles) {
        List<Path> userTests = new ArrayList<>();
        for (String t : config.alerting().ruleTestFiles()) {
            Path p = workDir.resolve(t);
            if (!Files.isRegularFile(p)) {
                throw P21monException.usage("alerting.rule_test_files: " + p + " does not exist");
            }
            userTests.add(p);
        }
        List<Run> runs = new ArrayList<>();
        Path tmp = null;
        try {
            tmp = Files.createTempDirectory("p21mon-alerts-test-");
            Path shipped = Files.createDirectories(tmp.resolve("p21mon"));
            RuleCatalogue defaults = RuleCatalogue.of(P21monConfig.defaults()).mapAlerts(
                    r -> new AlertRule(r.name(), r.expr(), r.forDuration(), r.labels(), Map.of()));
            writeRules(defaults, shipped);
            try (InputStream in = RuleTester.class.getResourceAsStream(SHIPPED_TESTS)) {
                if (in == null) {
                    throw new IllegalStateException(SHIPPED_TESTS + " is missing from the classpath");
                }
                Files.copy(in, shipped.resolve(SHIPPED_TESTS));
            }
            runs.add(promtool("p21mon's unit tests of its default rules", shipped, "test", "rules", SHIPPED_TESTS));

            Path user = Files.createDirectories(tmp.resolve("config"));
            RuleCatalogue catalogue = RuleCatalogue.of(config).check();
            List<String> ruleFiles = writeRules(catalogue, user);
            for (Map.Entry<String, String> f : userFiles.byTargetName().entrySet()) {
                AtomicFiles.write(user.resolve(f.getKey()), f.getValue());
                ruleFiles.add(f.getKey());
            }
            List<String> checkArgs = new ArrayList<>(List.of("check", "rules"));
            checkArgs.addAll(ruleFiles);
            runs.add(promtool("the rules of the configuration", user, checkArgs.toArray(String[]::new)));
            Map<String, Path> copies = new LinkedHashMap<>();
            for (Path t : userTests) {
                String name = "test-" + copies.size() + "-" + t.getFileName();
                Files.copy(t, user.resolve(name));
                copies.put(name, t);
            }
            if (!copies.isEmpty()) {
                List<String> testArgs = new ArrayList<>(List.of("test", "rules"));
                testArgs.addAll(copies.keySet());
                Run r = promtool("alerting.rule_test_files", user, testArgs.toArray(String[]::new));
                String output = r.output();
                for (Map.Entry<String, Path> e : copies.entrySet()) {
                    output = output.replace(e.getKey(), e.getValue().toString());
                }
                runs.add(new Run(r.suite(), r.command(), r.exitCode(), output));
            }
        } catch (IOException e) {
            throw P21monException.failed("cannot prepare the rule tests: " + IoErrors.describe(e), e);
        } finally {
            deleteTree(tmp);
        }
        return new RuleTestReport(runs);
    }

    private static List<String> writeRules(RuleCatalogue catalogue, Path dir) {
        List<String> names = new ArrayList<>();
        for (RuleFile f : catalogue.files()) {
            AtomicFiles.write(dir.resolve(f.fileName()), RuleYaml.render(f));
            names.add(f.fileName());
        }
        return names;
    }

    private Run promtool(String suite, Path dir, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(promtool.toString());
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(5, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw P21monException.failed(String.join(" ", command) + " did not finish within 5 minutes");
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw P21monException.failed("interrupted while running promtool", e);
        }
        List<String> shown = new ArrayList<>(List.of("promtool"));
        shown.addAll(List.of(args));
        return new Run(suite, shown, p.exitValue(), output);
    }

    private static void deleteTree(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path f : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(f);
            }
        } catch (IOException e) {
            // a temporary directory left behind is harmless
        }
    }
}
