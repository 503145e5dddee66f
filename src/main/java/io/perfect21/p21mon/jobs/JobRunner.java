package io.perfect21.p21mon.jobs;

import io.perfect21.p21mon.config.Durations;
import io.perfect21.p21mon.tracing.SpanAttributes;
import io.perfect21.p21mon.tracing.TraceContext;
import io.perfect21.p21mon.tracing.TraceSpan;
import io.perfect21.p21mon.tracing.Tracing;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Runs one job for {@code p21mon run}: the command with the caller's stdin, stdout and stderr (inherited, so output is
 * neither buffered nor changed), inside a span parented to the incoming {@code TRACEPARENT}, the child given its own
 * {@code TRACEPARENT}/{@code TRACESTATE}. On timeout the job and its descendants get SIGTERM, then SIGKILL after the
 * grace; the exit code is then 124, as with coreutils {@code timeout}. If the JVM is stopped meanwhile (Ctrl-C,
 * SIGTERM), the job is stopped the same way and its span ended before the tracer flushes.
 *
 * <pre>{@code
 * JobResult r = new JobRunner(tracing, Clock.systemUTC(), Hostname::local)
 *         .run(new JobRunner.Job("backup", List.of("/usr/local/bin/backup"), Duration.ofHours(2), dir, env), parent);
 * }</pre>
 */
public final class JobRunner {
    /** Time between SIGTERM and SIGKILL. */
    public static final Duration KILL_GRACE = Duration.ofSeconds(5);

    /** The job: its name, command line, timeout (null: none), working directory and the child's base environment. */
    public record Job(String name, List<String> command, Duration timeout, Path workDir, Map<String, String> env) {
        public Job {
            command = List.copyOf(command);
        }
    }

    private final Tracing tracing;
    private final Clock clock;
    private final Supplier<String> host;
    private final Duration grace;

    public JobRunner(Tracing tracing, Clock clock, Supplier<String> host) {
        this(tracing, clock, host, KILL_GRACE);
    }

    public JobRunner(Tracing tracing, Clock clock, Supplier<String> host, Duration grace) {
        this.tracing = tracing;
        this.clock = clock;
        this.host = host;
        this.grace = grace;
    }

    /** Runs the job to its end (or its timeout) under the parent context (null: a new trace). */
    public JobResult run(Job job, TraceContext parent) {
        // the span starts first and ends last, so it covers the job.duration_seconds it carries
        TraceSpan span = tracing.span("run " + job.name(), parent);
        Instant start = clock.instant();
        long t0 = System.nanoTime();
        String hostName = host.get();
        span.tag(SpanAttributes.JOB_NAME, job.name()).tag("process.command", job.command().get(0))
                .tag("process.command_line", String.join(" ", job.command())).tag("host.name", hostName);
        TraceContext ctx = span.context();
        ProcessBuilder pb = new ProcessBuilder(job.command()).inheritIO().directory(job.workDir().toFile());
        pb.environment().clear();
        pb.environment().putAll(job.env());
        ctx.injectEnvironment(pb.environment());
        // registered before the job starts: a stop that comes just after the start must still stop it and end its span
        AtomicBoolean stopped = new AtomicBoolean();
        AtomicReference<Process> started = new AtomicReference<>();
        Runnable onShutdown = tracing.beforeShutdownFlush(() -> {
            Process p;
            synchronized (started) { // a job being started is stopped once its Process is known
                stopped.set(true);
                p = started.get();
            }
            span.tag("job.interrupted", true);
            if (p != null && p.isAlive()) {
                stop(p);
            }
            if (p != null && !p.isAlive()) {
                span.tag("process.exit_code", p.exitValue());
            }
            span.error("p21mon was stopped while the job ran").close();
        });
        try {
            CommandLookup.Failure cannot = CommandLookup.check(job.command().get(0), job.workDir(), job.env());
            if (cannot == null) {
                try {
                    synchronized (started) { // a stop just after the job's exec must find its Process
                        started.set(pb.start());
                    }
                } catch (IOException e) {
                    cannot = CommandLookup.of(e);
                }
            }
            if (cannot != null) {
                return finish(span, job, start, t0, hostName, ctx, cannot.exitCode(), JobResult.FAILURE,
                        cannot.reason(), false);
            }
            return await(job, started.get(), span, start, t0, hostName, ctx, stopped);
        } finally {
            // only now: until the span has ended, a shutdown must still end it before the flush
            onShutdown.run();
        }
    }

    private JobResult await(Job job, Process process, TraceSpan span, Instant start, long t0, String hostName,
                            TraceContext ctx, AtomicBoolean stopped) {
        boolean timedOut = false;
        try {
            if (job.timeout() != null) {
                timedOut = !process.waitFor(job.timeout().toNanos(), TimeUnit.NANOSECONDS);
                if (timedOut) {
                    span.event("timeout");
                    stop(process);
                }
            }
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop(process);
        }
        int exit = process.isAlive() ? JobResult.EXIT_TIMEOUT : process.exitValue();
        if (timedOut) {
            return finish(span, job, start, t0, hostName, ctx, JobResult.EXIT_TIMEOUT, JobResult.TIMEOUT,
                    "timed out after " + Durations.format(job.timeout()), true);
        }
        String message = stopped.get() ? "stopped with p21mon" : exit == 0 ? "exited 0" : exit > 128 && exit <= 192
                ? "killed by signal " + (exit - 128) : "exited " + exit;
        return finish(span, job, start, t0, hostName, ctx, exit, exit == 0 ? JobResult.SUCCESS : JobResult.FAILURE, message,
                true);
    }

    private JobResult finish(TraceSpan span, Job job, Instant start, long t0, String hostName, TraceContext ctx, int exit,
                             String result, String message, boolean ran) {
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        span.tag("process.exit_code", exit).tag("job.result", result).tag("job.duration_seconds", took.toNanos() / 1e9);
        if (!JobResult.SUCCESS.equals(result)) {
            span.error(message);
        }
        span.close();
        return new JobResult(job.name(), job.command(), exit, result, start, took, hostName, ctx.traceId(), ctx.spanId(),
                message, ran);
    }

    /** SIGTERM to the job and its descendants, SIGKILL to whatever is left after the grace. */
    private void stop(Process process) {
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroy();
        descendants.forEach(ProcessHandle::destroy);
        try {
            if (!process.waitFor(grace.toNanos(), TimeUnit.NANOSECONDS)) {
                process.destroyForcibly();
                process.waitFor(grace.toNanos(), TimeUnit.NANOSECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }
}
