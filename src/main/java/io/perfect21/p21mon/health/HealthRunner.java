package io.perfect21.p21mon.health;

import io.perfect21.p21mon.host.Hostname;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Runs health checks concurrently, one daemon thread per check, each with its own timeout. A check that times out is
 * interrupted (a {@code command} check then kills its process) and reported {@link HealthStatus#UNKNOWN} at once; the
 * run does not wait for it. A check that throws is unknown too, with the exception's message.
 *
 * <pre>{@code
 * HealthRunner runner = new HealthRunner(checks, Duration.ofSeconds(30));
 * HealthReport report = runner.run();
 * int nagiosCode = report.exitCode(); // 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN
 * }</pre>
 */
public final class HealthRunner {
    private final List<HealthCheck> checks;
    private final Duration defaultTimeout;
    private final Supplier<String> host;
    private final Clock clock;

    /** A runner over the checks, with the default timeout for checks that have none of their own. */
    public HealthRunner(List<HealthCheck> checks, Duration defaultTimeout) {
        this(checks, defaultTimeout, Hostname::local, Clock.systemUTC());
    }

    /** A runner with the host name to report and the clock for the report's timestamp. */
    public HealthRunner(List<HealthCheck> checks, Duration defaultTimeout, Supplier<String> host, Clock clock) {
        this.checks = List.copyOf(checks);
        this.defaultTimeout = Objects.requireNonNull(defaultTimeout, "defaultTimeout");
        this.host = host;
        this.clock = clock;
        Set<String> names = new LinkedHashSet<>();
        for (HealthCheck c : this.checks) {
            if (!names.add(c.name())) {
                throw new IllegalArgumentException("two health checks are named '" + c.name() + "'");
            }
        }
    }

    /** The checks this runner runs, in order. */
    public List<HealthCheck> checks() {
        return checks;
    }

    /** The names of the checks, in order. */
    public List<String> names() {
        return checks.stream().map(HealthCheck::name).toList();
    }

    /** Runs every check. */
    public HealthReport run() {
        return runChecks(checks);
    }

    /**
     * Runs only the named checks (in this runner's order).
     *
     * @throws IllegalArgumentException naming an unknown check and listing the known ones
     */
    public HealthReport run(Collection<String> names) {
        if (names == null || names.isEmpty()) {
            return run();
        }
        return runChecks(select(names));
    }

    /** The named checks in this runner's order; an unknown name is an error that lists the known ones. */
    public List<HealthCheck> select(Collection<String> names) {
        List<String> known = names();
        for (String n : names) {
            if (!known.contains(n)) {
                throw new IllegalArgumentException("no health check named '" + n + "'; checks: " + String.join(", ", known));
            }
        }
        return checks.stream().filter(c -> names.contains(c.name())).toList();
    }

    private HealthReport runChecks(List<HealthCheck> selected) {
        Instant started = clock.instant();
        long t0 = System.nanoTime();
        List<Running> running = new ArrayList<>();
        for (HealthCheck c : selected) {
            running.add(start(c));
        }
        List<HealthCheckResult> results = new ArrayList<>();
        for (Running r : running) {
            results.add(r.await());
        }
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        HealthStatus status = HealthStatus.worst(results.stream().map(HealthCheckResult::status).toList());
        return new HealthReport(status, host.get(), started, ms, results);
    }

    /** Runs one check on its own thread, with its timeout. */
    public HealthCheckResult runOne(HealthCheck check) {
        return start(check).await();
    }

    private Running start(HealthCheck check) {
        Duration timeout = check.timeout() != null ? check.timeout() : defaultTimeout;
        CompletableFuture<HealthCheckResult> future = new CompletableFuture<>();
        long t0 = System.nanoTime();
        Thread thread = new Thread(() -> {
            try {
                HealthCheckResult r = check.check();
                long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
                future.complete(r == null ? null : r.withDuration(ms));
            } catch (Throwable e) {
                future.completeExceptionally(e);
            }
        }, "health-" + check.name());
        thread.setDaemon(true);
        thread.start();
        return new Running(check, thread, future, t0, timeout);
    }

    private record Running(HealthCheck check, Thread thread, CompletableFuture<HealthCheckResult> future, long startNanos,
                           Duration timeout) {
        HealthCheckResult await() {
            long deadline = startNanos + timeout.toNanos();
            HealthCheckResult result;
            try {
                long left = Math.max(0, deadline - System.nanoTime());
                result = future.get(left, TimeUnit.NANOSECONDS);
                if (result == null) {
                    result = HealthCheckResult.of(check.name(), check.type(), HealthStatus.UNKNOWN, "the check returned nothing");
                }
            } catch (TimeoutException e) {
                thread.interrupt();
                result = HealthCheckResult.of(check.name(), check.type(), HealthStatus.UNKNOWN,
                        "timed out after " + io.perfect21.p21mon.config.Durations.format(timeout));
            } catch (ExecutionException e) {
                result = HealthCheckResult.of(check.name(), check.type(), HealthStatus.UNKNOWN,
                        "check failed: " + describe(e.getCause()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                thread.interrupt();
                result = HealthCheckResult.of(check.name(), check.type(), HealthStatus.UNKNOWN, "interrupted");
            }
            if (!future.isDone() || future.isCompletedExceptionally()) {
                result = result.withDuration(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos));
            }
            return result.named(check.name(), check.type());
        }
    }

    /** An exception as one line: its message, or its type when it has none. */
    static String describe(Throwable e) {
        if (e == null) {
            return "unknown error";
        }
        String m = e.getMessage();
        String s = m == null || m.isBlank() ? e.getClass().getSimpleName() : m.strip();
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
