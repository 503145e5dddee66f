package io.perfect21.p21mon.alerts;

import io.perfect21.p21mon.IoErrors;
import io.perfect21.p21mon.FileLocks;
import io.perfect21.p21mon.P21monException;
import io.perfect21.p21mon.alerts.notify.DeliveryException;
import io.perfect21.p21mon.alerts.notify.NotificationChannel;
import io.perfect21.p21mon.alerts.notify.NotificationChannels;
import io.perfect21.p21mon.alerts.notify.NotificationRouting;
import io.perfect21.p21mon.alerts.notify.Payload;
import io.perfect21.p21mon.config.AlertingConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The one alerting machinery that {@code health --notify}, {@code alerts eval}, {@code alerts fire} and {@code run}
 * share. {@link #process} turns observations into notifications exactly once: a key that starts firing (or fires in
 * another state) is notified, a key that keeps firing is notified again only after the repeat interval, a key that
 * stops firing gets a resolved notice. Each notification is routed by its alerts' labels to channels
 * ({@link NotificationRouting}), written to the disk spool ({@link Spool}), and then delivered from it with a timeout
 * per send and retries with backoff; what still fails stays in the spool and is delivered by the next pass of any
 * command. The whole pass holds a file lock on the state directory, so overlapping cron runs neither lose nor double a
 * notification.
 *
 * <pre>{@code
 * Notifier n = Notifier.of(config.alerting(), workDir, stateDir, "health", Clock.systemUTC());
 * Notifier.Outcome out = n.process(observations);           // or n.deliver(List.of(notification)) with no state
 * }</pre>
 */
public final class Notifier {

    /**
     * The current state of one alert key: its identifying labels, the state word ({@code degraded}, …), whether that
     * state fires, the labels and annotations to send when it does.
     */
    public record Observation(Map<String, String> key, String state, boolean firing, Map<String, String> labels,
                              Map<String, String> annotations) {
    }

    /**
     * What a pass did: notifications delivered that this pass made ({@code sent}), left in the spool for the next run
     * ({@code spooled}), delivered from an earlier run's spool ({@code resent}); the problems met; and, in a dry run,
     * the payloads that would have been sent.
     */
    public record Outcome(int sent, int spooled, int resent, List<String> errors, List<Payload> payloads) {
        public Outcome {
            errors = List.copyOf(errors);
            payloads = List.copyOf(payloads);
        }

        public Outcome(int sent, int spooled, int resent, List<String> errors) {
            this(sent, spooled, resent, errors, List.of());
        }

        /** Whether something this pass made could not be delivered (it is in the spool). */
        public boolean failed() {
            return spooled > 0;
        }
    }

    private final Path stateDir;
    private final String namespace;
    private final NotificationRouting routing;
    private final Duration repeatInterval;
    private final Clock clock;
    private final boolean dryRun;
    private final int attempts;
    private final Duration backoff;

    /** Every notification to every channel. */
    public Notifier(Path stateDir, String namespace, List<NotificationChannel> channels, Duration repeatInterval,
                    Clock clock) {
        this(stateDir, namespace, NotificationRouting.all(channels), repeatInterval, clock);
    }

    /** Notifications routed by their alerts' labels. */
    public Notifier(Path stateDir, String namespace, NotificationRouting routing, Duration repeatInterval, Clock clock) {
        this(stateDir, namespace, routing, repeatInterval, clock, false, 3, Duration.ofMillis(200));
    }

    private Notifier(Path stateDir, String namespace, NotificationRouting routing, Duration repeatInterval, Clock clock,
                     boolean dryRun, int attempts, Duration backoff) {
        this.stateDir = stateDir;
        this.namespace = namespace;
        this.routing = routing;
        this.repeatInterval = repeatInterval;
        this.clock = clock;
        this.dryRun = dryRun;
        this.attempts = attempts;
        this.backoff = backoff;
    }

    /**
     * The notifier of {@code alerting:}: its channels and routes, {@code repeat_interval}; state and spool in
     * {@code stateDir}; secret files relative to {@code workDir}.
     */
    public static Notifier of(AlertingConfig alerting, Path workDir, Path stateDir, String namespace, Clock clock) {
        return new Notifier(stateDir, namespace, NotificationChannels.routing(alerting, workDir),
                alerting.repeatInterval(), clock);
    }

    /** The same notifier that sends nothing, keeps no state and touches no spool, and returns each payload. */
    public Notifier dryRun(boolean on) {
        return new Notifier(stateDir, namespace, routing, repeatInterval, clock, on, attempts, backoff);
    }

    /** The same notifier with {@code attempts} tries per send, waiting {@code backoff}, then twice that, … between. */
    public Notifier retries(int attempts, Duration backoff) {
        return new Notifier(stateDir, namespace, routing, repeatInterval, clock, dryRun, Math.max(1, attempts), backoff);
    }

    /** The same notifier sending only to one channel (by name, else by type). */
    public Notifier only(String channel) {
        return new Notifier(stateDir, namespace, routing.only(channel), repeatInterval, clock, dryRun, attempts, backoff);
    }

    public NotificationRouting routing() {
        return routing;
    }

    /** Processes the observations under the lock; keys not observed are left as they were. */
    public Outcome process(List<Observation> observations) {
        return locked(() -> {
            AlertState state = AlertState.load(stateDir, namespace);
            List<Notification> outgoing = transitions(state, observations);
            if (dryRun) {
                return render(outgoing);
            }
            return spoolAndDeliver(outgoing, true, state::save);
        });
    }

    /**
     * Sends notifications as they are, with no alert state (for {@code alerts fire} and {@code notify-test}): routed,
     * spooled, delivered with retries; what fails stays in the spool for the next run.
     */
    public Outcome deliver(List<Notification> notifications) {
        if (dryRun) {
            return render(notifications);
        }
        return locked(() -> spoolAndDeliver(notifications, false, () -> { }));
    }

    /**
     * Sends now to every channel (routes ignored), with timeouts and retries but no state and no spool: for
     * {@code alerts notify-test}, whose answer is about the channels as they are now.
     */
    public Outcome sendNow(List<Notification> notifications) {
        if (dryRun) {
            List<Payload> payloads = new ArrayList<>();
            List<String> errors = new ArrayList<>();
            for (Notification n : notifications) {
                for (NotificationChannel c : routing.channels()) {
                    try {
                        payloads.add(c.render(n));
                    } catch (IOException e) {
                        errors.add(c.name() + ": " + IoErrors.describe(e));
                    }
                }
            }
            return new Outcome(0, 0, 0, errors, payloads);
        }
        int sent = 0;
        List<String> errors = new ArrayList<>();
        for (Notification n : notifications) {
            for (NotificationChannel c : routing.channels()) {
                try {
                    sendWithRetries(c, n);
                    sent++;
                } catch (IOException e) {
                    errors.add(IoErrors.describe(e) + " (not spooled: a test)");
                }
            }
        }
        return new Outcome(sent, 0, 0, errors);
    }

    /** Delivers what earlier runs left in the spool, and nothing new. */
    public Outcome flushSpool() {
        return deliver(List.of());
    }

    /** The notifications waiting in the spool (for all channels), oldest first. */
    public List<Spool.Entry> spooled() {
        return new Spool(stateDir.resolve("spool")).entries(new ArrayList<>());
    }

    private interface Pass {
        Outcome run();
    }

    private Outcome locked(Pass pass) {
        if (dryRun) {
            return pass.run();
        }
        try {
            Files.createDirectories(stateDir);
        } catch (IOException e) {
            throw P21monException.failed("cannot create the state directory " + stateDir + ": " + IoErrors.describe(stateDir, e), e);
        }
        // one lock for every namespace: the spool is shared, and a pass delivers all of it
        Path lockFile = stateDir.resolve("notifier.lock");
        try {
            return FileLocks.locked(lockFile, pass::run);
        } catch (IOException e) {
            throw P21monException.failed("cannot lock " + lockFile + ": " + IoErrors.describe(lockFile, e), e);
        }
    }

    /** Updates the state in memory and returns the notifications its changes call for. */
    private List<Notification> transitions(AlertState state, List<Observation> observations) {
        Instant now = clock.instant();
        List<Notification> outgoing = new ArrayList<>();
        for (Observation o : observations) {
            String key = Alert.fingerprint(o.key());
            AlertState.Entry prev = state.get(key);
            List<Alert> alerts = new ArrayList<>();
            AlertState.Entry next = prev;
            if (o.firing()) {
                boolean changed = prev == null || !prev.firing() || !prev.state().equals(o.state());
                boolean repeat = !changed && Duration.between(prev.lastNotifiedAt(), now).compareTo(repeatInterval) >= 0;
                if (changed && prev != null && prev.firing() && !prev.labels().equals(o.labels())) {
                    // the same key in another state is another alert for a receiver: end the old one
                    alerts.add(new Alert(prev.labels(), prev.annotations(), "resolved", prev.startsAt(), now, null));
                }
                Instant startsAt = changed ? now : prev.startsAt();
                if (changed || repeat) {
                    alerts.add(new Alert(o.labels(), o.annotations(), "firing", startsAt, null, null));
                    next = new AlertState.Entry(o.state(), true, o.labels(), o.annotations(), startsAt, now);
                }
            } else if (prev != null && prev.firing()) {
                alerts.add(new Alert(prev.labels(), o.annotations(), "resolved", prev.startsAt(), now, null));
                next = null;
            }
            if (!alerts.isEmpty()) {
                outgoing.add(new Notification("p21mon-" + namespace, "{}:" + labelsText(o.key()), o.key(), alerts, null));
            }
            if (next == null) {
                state.remove(key);
            } else {
                state.put(key, next);
            }
        }
        return outgoing;
    }

    private Outcome render(List<Notification> notifications) {
        List<Payload> payloads = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (Notification n : notifications) {
            List<NotificationChannel> to = routing.channelsFor(n);
            if (to.isEmpty()) {
                errors.add(n.title() + ": no channel takes it (alerting.routes, default_channels)");
            }
            for (NotificationChannel c : to) {
                try {
                    payloads.add(c.render(n));
                } catch (IOException e) {
                    errors.add(c.name() + ": " + IoErrors.describe(e));
                }
            }
        }
        return new Outcome(0, 0, 0, errors, payloads);
    }

    /**
     * Writes each (notification, channel) to the spool, then runs {@code afterSpooled} (saving the state), then
     * delivers the whole spool oldest first. Writing before sending is what makes a crash safe: a notification is
     * either still to be computed (state not saved), or waiting in the spool, or marked as being sent (see
     * {@link Spool}). With {@code dedup}, a notification whose channel already holds an undelivered one for the same
     * group with the same alerts and statuses is not spooled twice (a pass repeated after a crash between the spool
     * write and the state save).
     */
    private Outcome spoolAndDeliver(List<Notification> notifications, boolean dedup, Runnable afterSpooled) {
        Spool spool = new Spool(stateDir.resolve("spool"));
        List<String> errors = new ArrayList<>();
        spool.recoverInterrupted(errors);
        List<Spool.Entry> waiting = spool.entries(errors);
        List<Spool.Entry> mine = new ArrayList<>();
        for (Notification n : notifications) {
            List<NotificationChannel> to = routing.channelsFor(n);
            if (to.isEmpty()) {
                errors.add(n.title() + ": no channel takes it (alerting.routes, default_channels)");
            }
            for (NotificationChannel c : to) {
                if (dedup && spool.holdsSame(waiting, c.name(), n)) {
                    continue;
                }
                mine.add(spool.add(c.name(), namespace, n, clock.instant()));
            }
        }
        afterSpooled.run();
        int sent = 0;
        int resent = 0;
        int spooled = 0;
        Set<String> down = new HashSet<>();
        Set<Path> ownFiles = new HashSet<>();
        mine.forEach(e -> ownFiles.add(e.file()));
        List<Spool.Entry> all = new ArrayList<>(waiting);
        all.addAll(mine);
        all.sort(java.util.Comparator.comparing(e -> e.file().getFileName().toString()));
        for (Spool.Entry e : all) {
            boolean ours = ownFiles.contains(e.file());
            NotificationChannel c = routing.named(e.channel());
            if (c == null || down.contains(c.name())) {
                if (ours) {
                    spool.makeDurable(e);
                    spooled++;
                } else if (c == null) {
                    errors.add("kept in the spool: channel '" + e.channel() + "' is not configured (" + e.file() + ")");
                }
                continue;
            }
            Path sending = spool.markSending(e);
            if (sending == null) {
                continue;
            }
            try {
                sendWithRetries(c, e.notification());
                spool.delivered(sending);
                if (ours) {
                    sent++;
                } else {
                    resent++;
                }
            } catch (IOException | RuntimeException x) {
                // a bug or a bad payload must not leave a .sending file behind (it would count as uncertain)
                spool.putBack(sending, e);
                if (ours) {
                    spool.makeDurable(e);
                }
                down.add(c.name());
                spooled += ours ? 1 : 0;
                String why = x instanceof IOException ? IoErrors.describe(x) : c.name() + ": " + x;
                errors.add(why + (ours ? " (spooled for the next run)" : " (still in the spool: " + e.file() + ")"));
            }
        }
        return new Outcome(sent, spooled, resent, errors);
    }

    /** Sends with up to {@code attempts} tries, waiting {@code backoff}, twice that, … between; 4xx is not retried. */
    private void sendWithRetries(NotificationChannel c, Notification n) throws IOException {
        IOException last = null;
        for (int attempt = 0; attempt < attempts; attempt++) {
            try {
                c.send(n);
                return;
            } catch (IOException e) {
                last = e;
                if (attempt == attempts - 1 || (e instanceof DeliveryException d && !d.retryable())) {
                    break;
                }
                try {
                    Thread.sleep(backoff.toMillis() << attempt);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        throw last;
    }

    private static String labelsText(Map<String, String> labels) {
        List<String> parts = new ArrayList<>();
        new java.util.TreeMap<>(labels).forEach((k, v) -> parts.add(k + "=\"" + v.replace("\"", "\\\"") + "\""));
        return "{" + String.join(", ", parts) + "}";
    }

    /** Labels in insertion order (a helper for callers building observations). */
    public static Map<String, String> labels(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i + 1 < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }
}
