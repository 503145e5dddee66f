package io.perfect21.p21mon.health.checks;

import io.perfect21.p21mon.IoErrors;
import io.perfect21.p21mon.config.CheckConfig;
import io.perfect21.p21mon.health.CheckOptions;
import io.perfect21.p21mon.health.ConfiguredCheck;
import io.perfect21.p21mon.health.HealthCheckResult;
import io.perfect21.p21mon.health.HealthContext;
import io.perfect21.p21mon.health.HealthStatus;
import io.perfect21.p21mon.health.PluginOutput;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code command}: runs a Nagios-compatible plugin. Its exit code 0/1/2/3 becomes healthy/degraded/unhealthy/unknown,
 * the first line of its output the message, its performance data is kept and the lines after the first are kept as
 * long output. Any other exit code, no output, undecodable output or malformed performance data is unknown.
 * Keys: {@code command} (a list: program and arguments, run directly; or a string, run by {@code /bin/sh -c}),
 * {@code env} (extra environment), {@code dir} (working directory). On timeout the process and its children are killed.
 */
public final class CommandCheck extends ConfiguredCheck {
    private static final int MAX_OUTPUT = 64 * 1024;

    private final List<String> command;
    private final Map<String, String> env;
    private final Path dir;

    public CommandCheck(CheckConfig config, HealthContext context) {
        super(config);
        CheckOptions o = CheckOptions.of(config, java.util.List.of("command"), "env", "dir");
        o.noThresholds();
        Object raw = config.options().get("command");
        List<String> cmd = o.strings("command");
        if (cmd.isEmpty() || cmd.get(0).isBlank()) {
            throw o.missing("'command'");
        }
        this.command = raw instanceof String s ? List.of("/bin/sh", "-c", s) : List.copyOf(cmd);
        this.env = o.stringMap("env");
        String d = o.string("dir", null);
        this.dir = d == null ? null : context.resolve(d);
    }

    @Override
    public HealthCheckResult check() throws InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(false)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().putAll(env);
        if (dir != null) {
            pb.directory(dir.toFile());
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("command", command.get(0));
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            return result(HealthStatus.UNKNOWN, "cannot run " + command.get(0) + ": " + IoErrors.describe(command.get(0), e), details, List.of());
        }
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            Thread errReader = drain(p.getErrorStream(), err);
            Thread outReader = drain(p.getInputStream(), out);
            int code = p.waitFor();
            // a plugin may leave a child holding the pipe open: take what came, do not wait for it
            outReader.join(2000);
            errReader.join(500);
            details.put("exit_code", code);
            String stdout;
            try {
                stdout = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(java.nio.ByteBuffer.wrap(out.toByteArray())).toString();
            } catch (CharacterCodingException e) {
                return result(HealthStatus.UNKNOWN, "plugin output is not text (exit " + code + ")", details, List.of());
            }
            PluginOutput parsed;
            try {
                parsed = PluginOutput.parse(stdout);
            } catch (IllegalArgumentException e) {
                String stderr = err.toString(StandardCharsets.UTF_8).strip();
                if (!stderr.isEmpty()) {
                    details.put("stderr", firstLine(stderr));
                }
                return result(HealthStatus.UNKNOWN, "unusable plugin output (exit " + code + "): " + e.getMessage(),
                        details, List.of());
            }
            if (!parsed.longOutput().isEmpty()) {
                details.put("long_output", parsed.longOutput());
            }
            if (code < 0 || code > 3) {
                return result(HealthStatus.UNKNOWN, "plugin exited " + code + " (not 0-3): " + parsed.text(), details,
                        parsed.perfdata());
            }
            return result(HealthStatus.ofNagiosCode(code), parsed.text(), details, parsed.perfdata());
        } finally {
            if (p.isAlive()) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
            }
        }
    }

    private static Thread drain(InputStream in, ByteArrayOutputStream sink) {
        Thread t = new Thread(() -> {
            try (in) {
                copy(in, sink);
            } catch (IOException ignored) {
                // the process is gone: what was read is kept
            }
        }, "plugin-output");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Copies up to {@link #MAX_OUTPUT} bytes, then discards the rest so the plugin never blocks on a full pipe. */
    private static void copy(InputStream in, ByteArrayOutputStream sink) throws IOException {
        byte[] buf = new byte[8192];
        int n;
        while ((n = in.read(buf)) >= 0) {
            synchronized (sink) {
                int room = MAX_OUTPUT - sink.size();
                if (room > 0) {
                    sink.write(buf, 0, Math.min(n, room));
                }
            }
        }
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
