package io.perfect21.p21mon.health.checks;

import io.perfect21.p21mon.config.CheckConfig;
import io.perfect21.p21mon.health.CheckOptions;
import io.perfect21.p21mon.health.ConfiguredCheck;
import io.perfect21.p21mon.health.HealthCheckResult;
import io.perfect21.p21mon.health.HealthContext;
import io.perfect21.p21mon.health.HealthStatus;
import io.perfect21.p21mon.health.Perfdata;
import io.perfect21.p21mon.health.Thresholds;
import io.perfect21.p21mon.host.HostProbe;
import io.perfect21.p21mon.host.ProcessInfo;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * {@code process}: counts the running processes named {@code process} (exact name, as {@code pgrep -x}), or whose
 * command line matches the regular expression {@code command_line} ({@code pgrep -f}). Unhealthy when fewer than
 * {@code min} (default 1) or more than {@code max} run; {@code warning}/{@code critical} ranges apply to the count.
 */
public final class ProcessCheck extends ConfiguredCheck {
    private final Supplier<HostProbe> probe;
    private final String process;
    private final Pattern commandLine;
    private final int min;
    private final Integer max;
    private final Thresholds thresholds;

    public ProcessCheck(CheckConfig config, HealthContext context) {
        super(config);
        CheckOptions o = CheckOptions.of(config, "process", "command_line", "min", "max");
        this.probe = context.hostProbe();
        this.process = o.string("process", null);
        String regex = o.string("command_line", null);
        if (process == null && regex == null) {
            throw o.missing("'process' (or 'command_line')");
        }
        try {
            this.commandLine = regex == null ? null : Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw o.error("command_line", "not a regular expression: " + e.getDescription());
        }
        this.min = o.integer("min", 1);
        this.max = o.optionalInt("max");
        this.thresholds = o.thresholds();
    }

    @Override
    public HealthCheckResult check() {
        long self = ProcessHandle.current().pid();
        List<ProcessInfo> matches = probe.get().processes().stream()
                .filter(p -> p.pid() != self)
                .filter(p -> process == null || process.equals(p.name()))
                .filter(p -> commandLine == null || (p.commandLine() != null && commandLine.matcher(p.commandLine()).find()))
                .toList();
        int n = matches.size();
        Map<String, Object> details = new LinkedHashMap<>();
        String what = process != null ? "'" + process + "'" : "matching /" + commandLine.pattern() + "/";
        details.put("process", process != null ? process : commandLine.pattern());
        details.put("count", n);
        details.put("pids", matches.stream().map(ProcessInfo::pid).limit(20).toList());
        HealthStatus status = thresholds.status(n);
        String message = n + " process" + (n == 1 ? "" : "es") + " " + what;
        if (n < min) {
            status = HealthStatus.UNHEALTHY;
            message = n == 0 ? "no process " + what + " is running" : message + ", expected at least " + min;
        } else if (max != null && n > max) {
            status = HealthStatus.UNHEALTHY;
            message += ", expected at most " + max;
        }
        return result(status, message, details, List.of(Perfdata.of("procs", n, "", thresholds, 0.0, null)));
    }
}
