package io.perfect21.p21mon.alerts;

import io.perfect21.p21mon.IoErrors;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.type.TypeReference;
import io.perfect21.p21mon.AtomicFiles;
import io.perfect21.p21mon.Json;
import io.perfect21.p21mon.P21monException;
import io.perfect21.p21mon.alerts.notify.NotificationChannel;
import io.perfect21.p21mon.config.Durations;
import io.perfect21.p21mon.config.P21monConfig;
import io.perfect21.p21mon.health.HealthCheckResult;
import io.perfect21.p21mon.health.HealthReport;
import io.perfect21.p21mon.host.CpuSampler;
import io.perfect21.p21mon.host.FileSystemUsage;
import io.perfect21.p21mon.host.HostProbe;
import io.perfect21.p21mon.host.LoadAverage;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * {@code alerts eval}: the catalogue's host-level rules ({@link HostRule}) evaluated on this host with no Prometheus.
 * Each run measures CPU, memory, file systems and load through the {@link HostProbe} and runs the health checks, and
 * keeps each alert's pending-since time in {@code <state dir>/alerts-eval.json}, so a rule with {@code for: 5m} fires
 * on the run five minutes after its condition first held, even from a cron job that runs every minute. Firing and
 * resolved transitions go through the {@link Notifier} (namespace {@code alerts}), which sends each exactly once.
 *
 * <pre>{@code
 * EvalReport r = new AlertEvaluator(config, probe, () -> health.run(List.of()), stateDir, channels, clock).evaluate();
 * }</pre>
 */
public final class AlertEvaluator {
    /** The {@link Notifier} namespace of {@code alerts eval}. */
    public static final String NAMESPACE = "alerts";

    /** One alert instance after a run: inactive, pending (condition holds, {@code for} not yet over) or firing. */
    @JsonPropertyOrder({"alert", "labels", "state", "value", "threshold", "for", "active_since", "severity"})
    public record AlertStatus(String alert, Map<String, String> labels, String state, double value, double threshold,
                              @com.fasterxml.jackson.annotation.JsonProperty("for") String forDuration,
                              Instant activeSince, String severity) {
    }

    /** One run of {@code alerts eval}: the host, when, every alert instance and what was notified. */
    @JsonPropertyOrder({"host", "timestamp", "firing", "pending", "alerts", "notifications"})
    public record EvalReport(String host, Instant timestamp, List<AlertStatus> alerts, Notifier.Outcome notifications) {
        public EvalReport {
            alerts = List.copyOf(alerts);
        }

        @com.fasterxml.jackson.annotation.JsonProperty("firing")
        public long firing() {
            return alerts.stream().filter(a -> a.state().equals("firing")).count();
        }

        @com.fasterxml.jackson.annotation.JsonProperty("pending")
        public long pending() {
            return alerts.stream().filter(a -> a.state().equals("pending")).count();
        }

        /**
         * The run as a span tree for {@link io.perfect21.p21mon.tracing.Tracing#record}: an {@code alerts.eval} root
         * that took {@code took}, with one {@code alerts.rule NAME} child per alert instance (its state, value and
         * threshold); a firing alert is a span in error, so a trace search for errors finds it.
         */
        public io.perfect21.p21mon.tracing.SpanTree spanTree(Duration took) {
            List<io.perfect21.p21mon.tracing.SpanTree> children = alerts.stream().map(a -> {
                Map<String, Object> attributes = new java.util.LinkedHashMap<>();
                attributes.put("alert.name", a.alert());
                attributes.put("alert.state", a.state());
                attributes.put("alert.value", a.value());
                attributes.put("alert.threshold", a.threshold());
                a.labels().forEach((k, v) -> attributes.put("alert.label." + k, v));
                return io.perfect21.p21mon.tracing.SpanTree.leaf("alerts.rule " + a.alert(), timestamp, took, attributes,
                        a.state().equals("firing") ? "firing" : null);
            }).toList();
            Map<String, Object> attributes = new java.util.LinkedHashMap<>();
            attributes.put("host.name", host);
            attributes.put("alerts.firing", firing());
            attributes.put("alerts.pending", pending());
            return io.perfect21.p21mon.tracing.SpanTree.of("alerts.eval", timestamp, took, attributes,
                    firing() > 0 ? firing() + " firing" : null, children);
        }
    }

    /** A condition that holds, remembered between runs: the alert's labels and since when it holds. */
    record Active(Map<String, String> labels, Instant since) {
    }

    private record Sample(HostRule rule, Map<String, String> labels, double value) {
    }

    private final P21monConfig config;
    private final List<HostRule> rules;
    private final HostProbe probe;
    private final Supplier<HealthReport> health;
    private final Path stateDir;
    private final List<NotificationChannel> channels;
    private final Clock clock;

    public AlertEvaluator(P21monConfig config, HostProbe probe, Supplier<HealthReport> health, Path stateDir,
                          List<NotificationChannel> channels, Clock clock) {
        this.config = config;
        this.rules = RuleCatalogue.of(config).hostRules();
        this.probe = probe;
        this.health = health;
        this.stateDir = stateDir;
        this.channels = List.copyOf(channels);
        this.clock = clock;
    }

    /** Measures, updates the pending state, notifies transitions, and reports every alert instance. */
    public EvalReport evaluate() {
        List<Sample> samples = measure();
        Instant now = clock.instant();
        try {
            Files.createDirectories(stateDir);
        } catch (IOException e) {
            throw P21monException.failed("cannot create the state directory " + stateDir + ": " + IoErrors.describe(stateDir, e), e);
        }
        Path lockFile = stateDir.resolve("alerts-eval.lock");
        try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            FileLock lock = ch.lock();
            try {
                return locked(samples, now);
            } finally {
                lock.release();
            }
        } catch (IOException e) {
            throw P21monException.failed("cannot lock " + lockFile + ": " + IoErrors.describe(lockFile, e), e);
        }
    }

    private EvalReport locked(List<Sample> samples, Instant now) {
        Path file = stateDir.resolve("alerts-eval.json");
        Map<String, Active> before = load(file);
        Map<String, Active> after = new TreeMap<>();
        List<AlertStatus> statuses = new ArrayList<>();
        List<Notifier.Observation> observations = new ArrayList<>();
        for (Sample s : samples) {
            AlertRule rule = s.rule().rule();
            String key = Alert.fingerprint(s.labels());
            boolean holds = s.value() > s.rule().threshold();
            Instant since = null;
            String state = "inactive";
            if (holds) {
                Active prev = before.get(key);
                since = prev != null ? prev.since() : now;
                after.put(key, new Active(s.labels(), since));
                state = Duration.between(since, now).compareTo(rule.forDuration()) >= 0 ? "firing" : "pending";
            }
            statuses.add(new AlertStatus(rule.name(), s.labels(), state, s.value(), s.rule().threshold(),
                    Durations.format(rule.forDuration()), since, rule.severity()));
            Map<String, String> labels = new LinkedHashMap<>(s.labels());
            labels.putAll(rule.labels());
            observations.add(new Notifier.Observation(s.labels(), "firing", state.equals("firing"), labels,
                    annotations(rule, s.labels(), s.value())));
        }
        // an alert whose subject is gone (a file system unmounted, a check removed) resolves
        before.forEach((key, a) -> {
            if (!after.containsKey(key) && samples.stream().noneMatch(s -> Alert.fingerprint(s.labels()).equals(key))) {
                observations.add(new Notifier.Observation(a.labels(), "firing", false, a.labels(), Map.of()));
            }
        });
        Notifier notifier = new Notifier(stateDir, NAMESPACE, channels, config.alerting().repeatInterval(), clock);
        Notifier.Outcome outcome = notifier.process(observations);
        save(file, after);
        return new EvalReport(probe.hostname(), now, statuses, outcome);
    }

    private List<Sample> measure() {
        CompletableFuture<HealthReport> checks = CompletableFuture.supplyAsync(health);
        String host = probe.hostname();
        List<Sample> out = new ArrayList<>();
        double cpuPercent;
        try {
            cpuPercent = CpuSampler.usage(probe, Duration.ofMillis(config.health().cpuSampleMs())) * 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw P21monException.failed("interrupted while sampling CPU usage", e);
        }
        for (HostRule r : rules) {
            Map<String, String> base = new LinkedHashMap<>();
            base.put("alertname", r.name());
            base.put("instance", host);
            switch (r.measure()) {
                case CPU_PERCENT -> out.add(new Sample(r, base, cpuPercent));
                case MEMORY_PERCENT -> out.add(new Sample(r, base, probe.memory().usageRatio() * 100));
                case DISK_PERCENT -> {
                    for (FileSystemUsage fs : probe.fileSystems(false)) {
                        Map<String, String> l = new LinkedHashMap<>(base);
                        l.put("device", fs.device());
                        l.put("fstype", fs.type());
                        l.put("mountpoint", fs.mountPoint());
                        out.add(new Sample(r, l, fs.usageRatio() * 100));
                    }
                }
                case LOAD_PER_CPU -> {
                    LoadAverage load = probe.loadAverage();
                    if (load.load1() >= 0) {
                        out.add(new Sample(r, base, load.load1() / Math.max(1, probe.logicalProcessors())));
                    }
                }
                case HEALTH_STATUS -> {
                    HealthReport report;
                    try {
                        report = checks.join();
                    } catch (CompletionException e) {
                        throw e.getCause() instanceof RuntimeException re ? re : e;
                    }
                    for (HealthCheckResult c : report.checks()) {
                        Map<String, String> l = new LinkedHashMap<>(base);
                        l.put("check", c.name());
                        l.put("type", c.type());
                        out.add(new Sample(r, l, c.status().nagiosCode()));
                    }
                }
            }
        }
        return out;
    }

    /** The rule's annotations with Prometheus's simple templates filled in: $labels.x, $value, printf, humanizeDuration. */
    static Map<String, String> annotations(AlertRule rule, Map<String, String> labels, double value) {
        Map<String, String> out = new LinkedHashMap<>();
        rule.annotations().forEach((k, v) -> out.put(k, expand(v, labels, value)));
        return out;
    }

    static String expand(String template, Map<String, String> labels, double value) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\{\\{\\s*(.*?)\\s*}}").matcher(template);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String expr = m.group(1);
            String text;
            if (expr.startsWith("$labels.")) {
                text = labels.getOrDefault(expr.substring("$labels.".length()), "");
            } else if (expr.startsWith("$value")) {
                java.util.regex.Matcher f = java.util.regex.Pattern.compile("printf\\s+\"([^\"]*)\"").matcher(expr);
                if (f.find()) {
                    text = String.format(java.util.Locale.ROOT, f.group(1), value);
                } else if (expr.contains("humanizeDuration")) {
                    text = Durations.format(Duration.ofSeconds((long) value));
                } else {
                    text = RuleCatalogue.number(value);
                }
            } else {
                text = m.group(0);
            }
            m.appendReplacement(sb, java.util.regex.Matcher.quoteReplacement(text));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    private static Map<String, Active> load(Path file) {
        if (!Files.exists(file)) {
            return new TreeMap<>();
        }
        try {
            Map<String, Active> m = Json.mapper().readValue(file.toFile(), new TypeReference<TreeMap<String, Active>>() { });
            return m == null ? new TreeMap<>() : m;
        } catch (IOException e) {
            throw P21monException.failed(file + ": cannot read the pending alerts (" + IoErrors.describe(e)
                    + "); move it away to start afresh", e);
        }
    }

    private static void save(Path file, Map<String, Active> active) {
        try {
            AtomicFiles.write(file, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(active),
                    PosixFilePermissions.fromString("rw-------"), true);
        } catch (IOException e) {
            throw P21monException.failed("cannot write " + file + ": " + IoErrors.describe(file, e), e);
        }
    }
}
