package io.perfect21.p21mon.alerts;

import io.perfect21.p21mon.AtomicFiles;
import io.perfect21.p21mon.Json;
import io.perfect21.p21mon.P21monException;
import io.perfect21.p21mon.alerts.notify.NotificationChannel;

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
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;

/**
 * Turns observations into notifications exactly once: a key that starts firing (or fires in another state) is
 * notified, a key that keeps firing is notified again only after the repeat interval, a key that stops firing gets a
 * resolved notice. The state lives in the state directory; a whole pass (read state, send, write state) holds a file
 * lock, so overlapping cron runs neither lose nor double a notification. A notification a channel fails to take is
 * spooled in {@code spool/} and retried first by the next pass.
 *
 * <pre>{@code
 * Notifier n = new Notifier(stateDir, "health", channels, Duration.ofHours(1), Clock.systemUTC());
 * Notifier.Outcome out = n.process(observations);
 * }</pre>
 */
public final class Notifier {
    private static final Map<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();

    /**
     * The current state of one alert key: its identifying labels, the state word ({@code degraded}, …), whether that
     * state fires, the labels and annotations to send when it does.
     */
    public record Observation(Map<String, String> key, String state, boolean firing, Map<String, String> labels,
                              Map<String, String> annotations) {
    }

    /** What a pass did: notifications sent, spooled (failed, kept for the next run), re-sent from the spool. */
    public record Outcome(int sent, int spooled, int resent, List<String> errors) {
    }

    private final Path stateDir;
    private final String namespace;
    private final List<NotificationChannel> channels;
    private final Duration repeatInterval;
    private final Clock clock;

    public Notifier(Path stateDir, String namespace, List<NotificationChannel> channels, Duration repeatInterval,
                    Clock clock) {
        this.stateDir = stateDir;
        this.namespace = namespace;
        this.channels = List.copyOf(channels);
        this.repeatInterval = repeatInterval;
        this.clock = clock;
    }

    /** Processes the observations under the lock; keys not observed are left as they were. */
    public Outcome process(List<Observation> observations) {
        try {
            Files.createDirectories(stateDir);
        } catch (IOException e) {
            throw P21monException.failed("cannot create the state directory " + stateDir + ": " + e.getMessage(), e);
        }
        Path lockFile = stateDir.resolve(namespace + ".lock").toAbsolutePath();
        ReentrantLock local = IN_PROCESS.computeIfAbsent(lockFile, p -> new ReentrantLock());
        local.lock();
        try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            FileLock lock = ch.lock();
            try {
                return locked(observations);
            } finally {
                lock.release();
            }
        } catch (IOException e) {
            throw P21monException.failed("cannot lock " + lockFile + ": " + e.getMessage(), e);
        } finally {
            local.unlock();
        }
    }

    private Outcome locked(List<Observation> observations) {
        List<String> errors = new ArrayList<>();
        int resent = retrySpool(errors);
        AlertState state = AlertState.load(stateDir, namespace);
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
        int sent = 0;
        int spooled = 0;
        for (Notification n : outgoing) {
            for (NotificationChannel c : channels) {
                try {
                    send(c, n);
                    sent++;
                } catch (IOException e) {
                    errors.add(c.name() + ": " + e.getMessage() + " (spooled for the next run)");
                    spool(c.name(), n);
                    spooled++;
                }
            }
        }
        state.save();
        return new Outcome(sent, spooled, resent, errors);
    }

    /** Sends with up to three attempts, backing off 200 ms then 400 ms. */
    private static void send(NotificationChannel c, Notification n) throws IOException {
        IOException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                c.send(n);
                return;
            } catch (IOException e) {
                last = e;
                if (attempt == 2) {
                    break;
                }
                try {
                    Thread.sleep(200L << attempt);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        throw last;
    }

    private Path spoolDir() {
        return stateDir.resolve("spool");
    }

    private void spool(String channel, Notification n) {
        Path file = spoolDir().resolve(namespace + "-" + channel + "-" + clock.millis() + "-" + UUID.randomUUID() + ".json");
        try {
            AtomicFiles.write(file, Json.mapper().writeValueAsBytes(new Spooled(channel, n)),
                    PosixFilePermissions.fromString("rw-------"), true);
        } catch (IOException e) {
            throw P21monException.failed("cannot spool a notification to " + file + ": " + e.getMessage(), e);
        }
    }

    /** A notification waiting in the spool for its channel. */
    record Spooled(String channel, Notification notification) {
    }

    private int retrySpool(List<String> errors) {
        Path dir = spoolDir();
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().startsWith(namespace + "-") && p.toString().endsWith(".json"))
                    .sorted().toList();
        } catch (IOException e) {
            errors.add("cannot list the spool " + dir + ": " + e.getMessage());
            return 0;
        }
        int resent = 0;
        for (Path f : files) {
            Spooled s;
            try {
                s = Json.mapper().readValue(f.toFile(), Spooled.class);
            } catch (IOException e) {
                errors.add("unreadable spooled notification " + f + ": " + e.getMessage());
                continue;
            }
            NotificationChannel c = channels.stream().filter(ch -> ch.name().equals(s.channel())).findFirst().orElse(null);
            if (c == null) {
                continue;
            }
            try {
                c.send(s.notification());
                Files.deleteIfExists(f);
                resent++;
            } catch (IOException e) {
                errors.add(c.name() + ": spooled notification still not delivered: " + e.getMessage());
            }
        }
        return resent;
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
