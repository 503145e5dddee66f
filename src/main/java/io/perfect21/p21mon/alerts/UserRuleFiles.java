package io.perfect21.p21mon.alerts;

import io.perfect21.p21mon.P21monException;
import io.perfect21.p21mon.config.AlertingConfig;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The Prometheus rule files of {@code alerting.rule_files} ({@code [rules/*.yml, /etc/p21mon/rules/api.yml]}), taken as
 * they are: globs (made absolute against the configuration file's directory when it was read, else relative to
 * {@code baseDir}, the working directory), each file read, checked
 * ({@link RuleFileChecker}) and given the name it has beside p21mon's own files ({@code api.yml} →
 * {@code user-api.yml}), where {@code alerts rules --out DIR} copies it unchanged and {@code alerts test} runs promtool
 * over it.
 *
 * <pre>{@code
 * UserRuleFiles files = UserRuleFiles.load(config.alerting(), workDir);
 * files.problems();   // YAML, PromQL and template errors, file:line:col
 * }</pre>
 */
public final class UserRuleFiles {
    /** One file: where it is, the name it takes beside p21mon's files, its text and what checking it found. */
    public record UserRuleFile(Path source, String targetName, String text, RuleFileChecker.Result check) {
    }

    private final List<UserRuleFile> files;
    private final List<RuleFileChecker.Problem> problems;

    private UserRuleFiles(List<UserRuleFile> files, List<RuleFileChecker.Problem> problems) {
        this.files = List.copyOf(files);
        this.problems = List.copyOf(problems);
    }

    /** Resolves, reads and checks every file the globs name; a glob matching nothing is a problem. */
    public static UserRuleFiles load(AlertingConfig alerting, Path baseDir) {
        List<UserRuleFile> files = new ArrayList<>();
        List<RuleFileChecker.Problem> problems = new ArrayList<>();
        Set<Path> seen = new HashSet<>();
        Set<String> names = new HashSet<>();
        List<String> globs = alerting.ruleFiles();
        for (int i = 0; i < globs.size(); i++) {
            String glob = globs.get(i);
            List<Path> matched;
            try {
                matched = expand(baseDir, glob);
            } catch (IOException | IllegalArgumentException e) {
                problems.add(new RuleFileChecker.Problem("alerting.rule_files[" + i + "]", 0, 0,
                        "'" + glob + "': " + e.getMessage()));
                continue;
            }
            if (matched.isEmpty()) {
                problems.add(new RuleFileChecker.Problem("alerting.rule_files[" + i + "]", 0, 0, "'" + glob
                        + "' matches no file" + (Path.of(glob).isAbsolute() ? "" : " (relative to " + baseDir + ")")));
            }
            for (Path p : matched) {
                if (!seen.add(p)) {
                    continue;
                }
                String text;
                try {
                    text = Files.readString(p, StandardCharsets.UTF_8);
                } catch (IOException e) {
                    problems.add(new RuleFileChecker.Problem(p.toString(), 0, 0, "cannot read the rule file: "
                            + (e instanceof java.nio.charset.CharacterCodingException ? "not UTF-8 text" : e.getMessage())));
                    continue;
                }
                RuleFileChecker.Result check = RuleFileChecker.check(p.toString(), text);
                problems.addAll(check.problems());
                files.add(new UserRuleFile(p, targetName(p, names), text, check));
            }
        }
        return new UserRuleFiles(files, problems);
    }

    public List<UserRuleFile> files() {
        return files;
    }

    /** Every problem of every file, and globs that match nothing. */
    public List<RuleFileChecker.Problem> problems() {
        return problems;
    }

    /** The files by the names they take beside p21mon's own, with their text unchanged. */
    public Map<String, String> byTargetName() {
        Map<String, String> out = new LinkedHashMap<>();
        files.forEach(f -> out.put(f.targetName(), f.text()));
        return out;
    }

    /**
     * Fails with every problem (a usage error: the configuration names broken files), so no command writes or tests
     * rules from a file Prometheus would reject.
     */
    public UserRuleFiles requireValid() {
        if (!problems.isEmpty()) {
            throw P21monException.usage("alerting.rule_files: " + problems.size() + " problem(s); run 'p21mon config "
                    + "validate' for all of them. First: " + problems.get(0));
        }
        return this;
    }

    /** {@code user-STEM.yml}, unique among the files (a second {@code api.yml} becomes {@code user-api-2.yml}). */
    private static String targetName(Path file, Set<String> taken) {
        String stem = file.getFileName().toString().replaceFirst("\\.(ya?ml)$", "");
        String name = "user-" + stem + ".yml";
        for (int n = 2; !taken.add(name); n++) {
            name = "user-" + stem + "-" + n + ".yml";
        }
        return name;
    }

    /** The regular files a glob names ({@code *}, {@code ?}, {@code [..]} in any segment, as Go's filepath.Glob). */
    static List<Path> expand(Path baseDir, String glob) throws IOException {
        Path pattern = baseDir.resolve(glob).normalize();
        Path fixed = pattern.getRoot();
        int first = 0;
        for (; first < pattern.getNameCount(); first++) {
            String part = pattern.getName(first).toString();
            if (part.matches(".*[*?\\[{].*")) {
                break;
            }
            fixed = fixed == null ? Path.of(part) : fixed.resolve(part);
        }
        if (first == pattern.getNameCount()) {
            if (!Files.exists(pattern)) {
                return List.of();
            }
            if (!Files.isRegularFile(pattern)) {
                throw new IllegalArgumentException("not a regular file: " + pattern);
            }
            return List.of(pattern);
        }
        if (fixed == null || !Files.isDirectory(fixed)) {
            return List.of();
        }
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
        int depth = pattern.getNameCount() - first;
        TreeSet<Path> out = new TreeSet<>();
        try (Stream<Path> s = Files.walk(fixed, depth)) {
            s.filter(p -> p.getNameCount() == pattern.getNameCount() && matcher.matches(p) && Files.isRegularFile(p))
                    .forEach(out::add);
        }
        return List.copyOf(out);
    }
}
