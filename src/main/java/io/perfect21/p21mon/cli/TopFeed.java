package io.perfect21.p21mon.cli;

import io.perfect21.p21mon.alerts.AlertState;
import io.perfect21.p21mon.audit.AuditFilter;
import io.perfect21.p21mon.audit.AuditQuery;
import io.perfect21.p21mon.audit.AuditRecord;
import io.perfect21.p21mon.audit.AuditSink;
import io.perfect21.p21mon.audit.AuditStore;
import io.perfect21.p21mon.cli.render.TopScreen;
import io.perfect21.p21mon.health.HealthReport;
import io.perfect21.p21mon.host.FileSystemUsage;
import io.perfect21.p21mon.host.HostProbe;
import io.perfect21.p21mon.host.HostSample;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * What {@code p21mon top} shows, gathered so that a frame never waits: the host is read on each tick (file systems
 * every tenth, as listing them is the costly read), health checks run on a background thread every
 * {@code healthEvery}, firing alerts come from the alert state files in the state directory (what {@code health
 * --notify} and {@code alerts eval} keep), and the latest audit events from a background follow of today's log.
 * {@link #awaitComplete} waits for the first health run and the first read of the audit log, for a one-off frame
 * ({@code top --plain -n 1}) that shows everything.
 */
final class TopFeed implements AutoCloseable {
    private static final int AUDIT_EVENTS = 5;
    private static final int FILE_SYSTEMS_EVERY = 10;

    private final HostProbe probe;
    private final Clock clock;
    private final Path stateDir;
    private final ScheduledExecutorService background;
    private final AtomicReference<HealthReport> health = new AtomicReference<>();
    private final ArrayDeque<AuditRecord> audit = new ArrayDeque<>();
    private final CountDownLatch healthRan = new CountDownLatch(1);
    private final CountDownLatch auditRead = new CountDownLatch(1);
    private volatile boolean closed;
    private HostSample last;
    private HostSample.Rates rates;
    private List<FileSystemUsage> fileSystems = List.of();
    private int ticks;

    TopFeed(HostProbe probe, Clock clock, Path stateDir, Supplier<HealthReport> runHealth, Duration healthEvery,
            AuditStore store) {
        this.probe = probe;
        this.clock = clock;
        this.stateDir = stateDir;
        this.background = Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "p21mon-top");
            t.setDaemon(true);
            return t;
        });
        background.scheduleWithFixedDelay(() -> {
            try {
                health.set(runHealth.get());
            } catch (RuntimeException e) {
                // a broken check set shows as no report; `p21mon health` says why
            } finally {
                healthRan.countDown();
            }
        }, 0, healthEvery.toMillis(), TimeUnit.MILLISECONDS);
        if (store != null) {
            background.execute(() -> followAudit(store, healthEvery));
        } else {
            auditRead.countDown();
        }
    }

    /**
     * Waits, at most {@code max}, until the first health run has ended and the audit log has been read up to now.
     *
     * @return true when both have, false when {@code max} passed first
     */
    boolean awaitComplete(Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        return healthRan.await(max.toNanos(), TimeUnit.NANOSECONDS)
                && auditRead.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    }

    /** Reads the host (a tick): the rates are over the time since the previous tick. */
    void tick() {
        Instant now = clock.instant();
        if (ticks++ % FILE_SYSTEMS_EVERY == 0) {
            fileSystems = probe.fileSystems(false);
        }
        HostSample sample = new HostSample(now, probe.cpuTimes(), probe.cpuTimesPerProcessor(), probe.memory(),
                probe.loadAverage(), fileSystems, probe.network());
        rates = last == null ? null : sample.ratesSince(last);
        last = sample;
    }

    /** The frame of the last tick. */
    TopScreen.View view(String host, Duration interval, double diskWarningRatio, TopScreen.Sort sort, boolean paused,
                        boolean help) {
        List<AuditRecord> events;
        synchronized (audit) {
            events = new ArrayList<>(audit);
        }
        return new TopScreen.View(host, last.at(), interval, last, rates, health.get(), firingAlerts(), events,
                diskWarningRatio, sort, paused, help);
    }

    /** Firing alerts of the alert state files in the state directory, newest first. */
    List<TopScreen.FiringAlert> firingAlerts() {
        List<TopScreen.FiringAlert> out = new ArrayList<>();
        for (AlertState.Entry e : AlertState.firing(stateDir)) {
            out.add(new TopScreen.FiringAlert(e.labels().getOrDefault("alertname", e.state()),
                    e.labels().getOrDefault("severity", e.state()), e.annotations().getOrDefault("summary", ""),
                    e.startsAt()));
        }
        out.sort(Comparator.comparing(TopScreen.FiringAlert::since, Comparator.nullsLast(Comparator.reverseOrder())));
        return out;
    }

    private void followAudit(AuditStore store, Duration poll) {
        Instant since = clock.instant().truncatedTo(ChronoUnit.DAYS);
        AuditFilter today = new AuditFilter(null, null, null, null, null, null, null, since, null, null, 0);
        try {
            new AuditQuery(store).pollEvery(Math.max(500, Math.min(poll.toMillis(), 2000)))
                    .run(AuditQuery.Request.of(today).following(() -> closed), new AuditSink() {
                        @Override
                        public void accept(AuditRecord r) {
                            synchronized (audit) {
                                if (audit.size() == AUDIT_EVENTS) {
                                    audit.removeFirst();
                                }
                                audit.addLast(r);
                            }
                        }

                        @Override
                        public void idle() {
                            auditRead.countDown(); // read up to now; the follow waits for more
                        }
                    });
        } catch (RuntimeException e) {
            // no readable audit log (none yet, another key): the section stays empty
        } finally {
            auditRead.countDown();
        }
    }

    @Override
    public void close() {
        closed = true;
        background.shutdownNow();
    }
}
