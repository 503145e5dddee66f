package io.perfect21.p21mon.alerts;

import io.perfect21.p21mon.IoErrors;
import io.perfect21.p21mon.Json;
import io.perfect21.p21mon.P21monException;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * The notification spool: {@code <state dir>/spool/}, one JSON file (mode 0600) per notification and channel, named so
 * that name order is creation order. Every notification passes through it: written (atomically) before it is sent,
 * renamed to {@code .sending} just before the send, deleted once the channel took it, renamed back when it did not.
 * A {@code .sending} file found at the start of a pass is a send a crash interrupted: whether the receiver got it is
 * unknown, so it is moved to {@code spool/uncertain/} and reported, never re-sent on its own (re-sending could double
 * it; move it back into {@code spool/} to send it again). Callers hold the {@link Notifier}'s lock.
 */
public final class Spool {
    /** One waiting notification: its file, id (idempotency key), channel, the namespace that made it, when. */
    public record Entry(Path file, String id, String channel, String namespace, Instant createdAt,
                        Notification notification) {
    }

    /** What a spool file holds. */
    record Stored(String id, String channel, String namespace, Instant createdAt, Notification notification) {
    }

    private static final AtomicLong SEQUENCE = new AtomicLong();
    private static final String SENDING = ".sending";

    private final Path dir;

    Spool(Path dir) {
        this.dir = dir;
    }

    /** Moves sends a crash interrupted to {@code uncertain/}, with a message for each. */
    void recoverInterrupted(List<String> errors) {
        for (Path f : list(SENDING, errors)) {
            Path target = dir.resolve("uncertain").resolve(f.getFileName().toString().replace(SENDING, ""));
            try {
                Files.createDirectories(target.getParent());
                Files.move(f, target, StandardCopyOption.ATOMIC_MOVE);
                errors.add("a send was interrupted (crash?) and may or may not have been delivered; not re-sent: "
                        + target + " (move it back into " + dir + " to send it again)");
            } catch (IOException e) {
                errors.add("cannot move " + f + " aside: " + IoErrors.describe(e));
            }
        }
    }

    /** The waiting notifications, oldest first; an unreadable file is reported and skipped. */
    List<Entry> entries(List<String> errors) {
        List<Entry> entries = new ArrayList<>();
        for (Path f : list(".json", errors)) {
            try {
                Stored s = Json.mapper().readValue(f.toFile(), Stored.class);
                entries.add(new Entry(f, s.id(), s.channel(), s.namespace(), s.createdAt(), s.notification()));
            } catch (NoSuchFileException e) {
                // delivered by a pass of another process between the listing and now
            } catch (IOException e) {
                errors.add("unreadable spooled notification " + f + " (left in place): " + IoErrors.describe(e));
            }
        }
        return entries;
    }

    /** Whether the newest waiting notification of this channel and group has the same alerts in the same statuses. */
    boolean holdsSame(List<Entry> waiting, String channel, Notification n) {
        Entry latest = null;
        for (Entry e : waiting) {
            if (e.channel().equals(channel) && e.notification().groupKey().equals(n.groupKey())) {
                latest = e;
            }
        }
        return latest != null && signature(latest.notification()).equals(signature(n));
    }

    private static List<String> signature(Notification n) {
        return n.alerts().stream().map(a -> a.fingerprint() + ":" + a.status()).toList();
    }

    /**
     * Writes a notification for a channel (a temporary file renamed into place, mode 0600 from the start); returns its
     * entry. Not yet flushed to disk: {@link #makeDurable} does that once a send has failed, so a pass whose sends all
     * succeed pays no fsync per notification. A process crash loses nothing either way; a power loss during the pass
     * may lose what was not yet made durable.
     */
    Entry add(String channel, String namespace, Notification n, Instant now) {
        String name = String.format("%013d-%06d-%s-%s.json", now.toEpochMilli(), SEQUENCE.incrementAndGet() % 1_000_000,
                n.id(), channel.replaceAll("[^A-Za-z0-9_.-]", "_"));
        Path file = dir.resolve(name);
        Path tmp = dir.resolve("." + name + ".tmp");
        try {
            Files.createDirectories(dir);
            Files.deleteIfExists(tmp);
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.write(tmp, Json.mapper().writeValueAsBytes(new Stored(n.id(), channel, namespace, now, n)));
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw P21monException.failed("cannot spool a notification to " + file + ": " + IoErrors.describe(file, e), e);
        }
        return new Entry(file, n.id(), channel, namespace, now, n);
    }

    /** Flushes an entry's file and the spool directory to disk (fsync), so it survives a power loss. */
    void makeDurable(Entry e) {
        try (FileChannel ch = FileChannel.open(e.file(), StandardOpenOption.WRITE)) {
            ch.force(true);
        } catch (IOException x) {
            throw P21monException.failed("cannot flush " + e.file() + " to disk: " + IoErrors.describe(x), x);
        }
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException x) {
            // some file systems cannot fsync a directory; the file itself is flushed
        }
    }

    /** Renames the entry's file to {@code .sending}; null when another pass took it meanwhile. */
    Path markSending(Entry e) {
        Path sending = e.file().resolveSibling(e.file().getFileName() + SENDING);
        try {
            Files.move(e.file(), sending, StandardCopyOption.ATOMIC_MOVE);
            return sending;
        } catch (NoSuchFileException x) {
            return null;
        } catch (IOException x) {
            throw P21monException.failed("cannot mark " + e.file() + " as being sent: " + IoErrors.describe(x), x);
        }
    }

    void delivered(Path sending) {
        try {
            Files.deleteIfExists(sending);
        } catch (IOException x) {
            throw P21monException.failed("delivered, but cannot remove " + sending + " from the spool: " + IoErrors.describe(x)
                    + "; remove it by hand or the next run reports it as uncertain", x);
        }
    }

    void putBack(Path sending, Entry e) {
        try {
            Files.move(sending, e.file(), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException x) {
            throw P21monException.failed("cannot put " + sending + " back into the spool: " + IoErrors.describe(x), x);
        }
    }

    private List<Path> list(String suffix, List<String> errors) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(suffix) && Files.isRegularFile(p))
                    .sorted().toList();
        } catch (IOException e) {
            errors.add("cannot list the spool " + dir + ": " + IoErrors.describe(dir, e));
            return List.of();
        }
    }

    @Override
    public String toString() {
        return "Spool[" + Objects.toString(dir) + "]";
    }
}
