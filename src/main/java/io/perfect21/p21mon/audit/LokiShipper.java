package io.perfect21.p21mon.audit;

import io.perfect21.p21mon.IoErrors;
import io.perfect21.p21mon.client.LokiClient;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Ships appended records to Loki ({@code audit.loki_url}) without ever holding up the store: under the store lock a
 * record's JSON line is only appended to the local spool {@code DIR/.loki-spool.jsonl} (cheap, no network); after
 * the lock is released the spool is pushed, in pushes of at most {@value #PUSH} lines, one stream per
 * (host, type, level) with the labels {@code job="p21mon_audit"}, {@code host}, {@code type}, {@code level}. Each
 * push has a short timeout and is not retried in place: what fails stays in the spool and goes first on the next
 * append (of this or any process), and after a failure this shipper leaves Loki alone for {@link #pause} so a down
 * Loki costs a stream of appends at most one timeout. Only one process ships a directory at a time
 * ({@code DIR/.loki.lock}, tried without waiting: whoever holds it ships the lines of the others too). Delivery is
 * at least once (a crash between a push and the spool's trim sends those lines again). A batch Loki refuses outright
 * (400: too old, too large) is reported and stays only in the local log. Encrypted stores are not shipped (Loki would
 * receive plaintext).
 */
final class LokiShipper {
    static final String SPOOL = ".loki-spool.jsonl";
    static final String SHIP_LOCK = ".loki.lock";
    static final int PUSH = 1000;
    static final Duration TIMEOUT = Duration.ofSeconds(2);
    static final Duration PAUSE = Duration.ofSeconds(30);
    private static final Map<Path, ReentrantLock> JVM_SHIPPING = new ConcurrentHashMap<>();
    private final LokiClient client;
    private final Path dir;
    private final Path spool;
    private final Duration pause;
    private volatile long quietUntil;

    LokiShipper(String url, Path dir, Duration timeout, Duration pause) {
        this.client = new LokiClient(url, "audit.loki_url", timeout);
        this.dir = dir;
        this.spool = dir.resolve(SPOOL);
        this.pause = pause;
    }

    /** Appends the stored lines (each with its newline) to the spool. Call under the store lock: local, no fsync. */
    void spool(ByteBuf lines) throws IOException {
        try (FileChannel ch = FileChannel.open(spool, EnumSet.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.READ), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))) {
            long pos = ch.size();
            if (pos > 0) {
                ByteBuffer last = ByteBuffer.allocate(1);
                ch.read(last, pos - 1);
                if (last.get(0) != '\n') { // a line cut short by a crash: end it, so it cannot swallow the next
                    pos += ch.write(ByteBuffer.wrap(new byte[]{'\n'}), pos);
                }
            }
            ByteBuffer b = ByteBuffer.wrap(lines.bytes, 0, lines.length);
            while (b.hasRemaining()) {
                pos += ch.write(b, pos);
            }
        }
    }

    /**
     * Pushes the spool to Loki. Call without holding the store lock: it takes it only briefly to trim what was
     * delivered. Returns at once when another thread or process is shipping, or within the pause after a failure.
     */
    void ship(AuditStore store, Consumer<String> warnings) {
        if (System.currentTimeMillis() < quietUntil || !Files.exists(spool)) {
            return;
        }
        ReentrantLock jvm = JVM_SHIPPING.computeIfAbsent(dir, d -> new ReentrantLock());
        if (!jvm.tryLock()) {
            return;
        }
        try (FileChannel lockFile = FileChannel.open(dir.resolve(SHIP_LOCK), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE)) {
            FileLock lock = lockFile.tryLock();
            if (lock == null) {
                return;
            }
            try {
                long done = pushAll(warnings);
                if (done > 0) {
                    store.locked(() -> trim(done));
                }
            } finally {
                lock.release();
            }
        } catch (IOException e) {
            warnings.accept("cannot ship the Loki spool " + spool + ": " + IoErrors.describe(spool, e));
        } finally {
            jvm.unlock();
        }
    }

    /** Pushes complete lines from the spool's start; returns how many bytes were dealt with (delivered or refused). */
    private long pushAll(Consumer<String> warnings) throws IOException {
        long offset = 0;
        long end = 0;
        List<String> lines = new ArrayList<>(PUSH);
        try (LineSource spooled = new LineSource(Files.newInputStream(spool)).limit(Files.size(spool))) {
            while (true) {
                boolean whole = spooled.next() && spooled.terminated;
                if (whole) {
                    if (spooled.end > spooled.start) {
                        lines.add(new String(spooled.buf, spooled.start, spooled.end - spooled.start, StandardCharsets.UTF_8));
                    }
                    end = spooled.offset() + spooled.end - spooled.start + 1;
                }
                if (lines.size() == PUSH || !whole && end > offset) {
                    if (!push(lines, warnings)) {
                        return offset;
                    }
                    offset = end;
                    lines.clear();
                }
                if (!whole) {
                    return offset;
                }
            }
        }
    }

    /** Pushes lines; false when Loki is unreachable (they stay spooled). Lines Loki refuses are dropped, with a warning. */
    private boolean push(List<String> lines, Consumer<String> warnings) {
        try {
            List<LokiClient.Stream> streams = streams(lines);
            if (!streams.isEmpty()) {
                client.push(streams);
            }
        } catch (LokiClient.PushException e) {
            if (e.retryable()) {
                quietUntil = System.currentTimeMillis() + pause.toMillis();
                warnings.accept("Loki is unreachable (" + e.getMessage() + "): audit records stay spooled in "
                        + spool + " for the next shipment");
                return false;
            }
            warnings.accept("Loki refused " + lines.size() + " audit record(s): " + e.getMessage()
                    + "; they are kept in the local audit log only");
        }
        return true;
    }

    /** Drops the first {@code bytes} of the spool (delivered); lines appended meanwhile stay. Call under the store lock. */
    private Void trim(long bytes) throws IOException {
        long size = Files.size(spool);
        if (bytes >= size) {
            Files.delete(spool);
            return null;
        }
        Path tmp = spool.resolveSibling(SPOOL + ".tmp");
        try (FileChannel in = FileChannel.open(spool, StandardOpenOption.READ);
             FileChannel out = FileChannel.open(tmp, EnumSet.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                     StandardOpenOption.TRUNCATE_EXISTING),
                     PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))) {
            long pos = bytes;
            while (pos < size) {
                pos += in.transferTo(pos, size - pos, out);
            }
            out.force(false);
        }
        Files.move(tmp, spool, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return null;
    }

    static List<LokiClient.Stream> streams(List<String> lines) {
        Map<String, LokiClient.Stream> byLabels = new LinkedHashMap<>();
        for (String line : lines) {
            byte[] b = line.getBytes(StandardCharsets.UTF_8);
            Map<String, Object> m;
            try {
                m = RecordCodec.parseObject(b, 0, b.length);
            } catch (RecordCodec.BadRecord e) {
                continue;
            }
            Map<String, String> labels = new LinkedHashMap<>();
            labels.put("job", AnchorTargets.JOB);
            labels.put("host", String.valueOf(m.get("host")));
            labels.put("type", String.valueOf(m.get("event_type")));
            labels.put("level", String.valueOf(m.get("level")));
            long nanos;
            try {
                nanos = LokiClient.nanos(Timestamps.parse(String.valueOf(m.get("timestamp")), java.time.ZoneOffset.UTC));
            } catch (RuntimeException e) {
                continue;
            }
            byLabels.computeIfAbsent(labels.toString(), k -> new LokiClient.Stream(labels, new ArrayList<>()))
                    .values().add(new LokiClient.Entry(nanos, line, labels));
        }
        return new ArrayList<>(byLabels.values());
    }
}
