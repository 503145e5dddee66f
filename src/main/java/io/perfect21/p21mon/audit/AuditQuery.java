package io.perfect21.p21mon.audit;

import io.perfect21.p21mon.P21monException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * The query engine: streams the records matching a filter, oldest first, with flat memory. Day files older than
 * {@code since} are never opened (a record is never in a file of an earlier day than its own), nor files newer than
 * {@code until} unless an import put older records there; plain lines are tested for the filter's byte strings before
 * being parsed. {@code limit} keeps the newest N (a bounded ring). {@code follow} then polls for new records.
 *
 * <pre>{@code
 * new AuditQuery(store).run(filter, 0, false, () -> false, record -> System.out.println(record.seq()));
 * }</pre>
 */
public final class AuditQuery {
    private final AuditStore store;
    private final RecordCodec codec;
    private long lastSeq;
    private String lastFile;
    private long scanned;
    private long pollMillis = 1000;

    public AuditQuery(AuditStore store) {
        this.store = store;
        this.codec = store.newCodec();
    }

    /** How often {@code follow} looks for new records. */
    public AuditQuery pollEvery(long millis) {
        this.pollMillis = millis;
        return this;
    }

    /** The seq of the last record read (matching or not): where a checkpoint resumes. */
    public long lastSeq() {
        return lastSeq;
    }

    /** The file of the last record read. */
    public String lastFile() {
        return lastFile;
    }

    /** Records read, matching or not. */
    public long scanned() {
        return scanned;
    }

    /**
     * Streams the matching records to the sink.
     *
     * @param fromDay skip files of days before this (a checkpoint's file), or null
     * @param limit   keep only the newest this many (0: all, streamed as found)
     * @param stop    polled while following; true ends the follow
     */
    public void run(AuditFilter filter, LocalDate fromDay, int limit, boolean follow, BooleanSupplier stop,
                    AuditSink sink) {
        lastSeq = filter.afterSeq();
        List<byte[]> needles = filter.needles();
        LocalDate sinceDay = filter.since() == null ? null : Timestamps.utcDay(filter.since());
        LocalDate untilDay = filter.until() == null ? null : Timestamps.utcDay(filter.until());
        Set<String> unordered = untilDay == null ? Set.of() : AuditStore.unordered(store.dir());
        ArrayDeque<AuditRecord> ring = limit > 0 ? new ArrayDeque<>(Math.min(limit, 4096)) : null;
        AuditSink target = ring == null ? sink : r -> {
            if (ring.size() == limit) {
                ring.removeFirst();
            }
            ring.addLast(r);
        };
        Path tailFile = null;
        long tailOffset = 0;
        try {
            for (DayFile f : store.files()) {
                if ((sinceDay != null && f.day().isBefore(sinceDay)) || (fromDay != null && f.day().isBefore(fromDay))
                        || (untilDay != null && f.day().isAfter(untilDay)
                        && !unordered.contains(DayFile.plainName(f.day())))) {
                    continue;
                }
                tailFile = f.path();
                tailOffset = scanFile(f, 0, filter, needles, target);
            }
            if (ring != null) {
                for (AuditRecord r : ring) {
                    sink.accept(r);
                }
            }
            while (follow && !stop.getAsBoolean()) {
                sink.idle();
                sleep();
                List<DayFile> files = store.files();
                for (DayFile f : files) {
                    if (f.gzip() || (tailFile != null && f.path().getFileName().toString()
                            .compareTo(tailFile.getFileName().toString()) < 0)) {
                        continue;
                    }
                    long from = f.path().equals(tailFile) ? tailOffset : 0;
                    tailOffset = scanFile(f, from, filter, needles, sink);
                    tailFile = f.path();
                }
            }
        } catch (IOException e) {
            throw P21monException.failed("cannot read the audit log in " + store.dir() + ": " + e.getMessage(), e);
        }
    }

    private void sleep() {
        try {
            Thread.sleep(pollMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw P21monException.failed("interrupted");
        }
    }

    /** Reads one file from a byte offset (plain files); returns the offset after the last complete line. */
    private long scanFile(DayFile f, long from, AuditFilter filter, List<byte[]> needles, AuditSink sink)
            throws IOException {
        InputStream in;
        try {
            if (f.gzip()) {
                in = f.open();
            } else {
                FileChannel ch = FileChannel.open(f.path(), StandardOpenOption.READ);
                ch.position(from);
                in = Channels.newInputStream(ch);
            }
        } catch (NoSuchFileException gone) {
            return from; // pruned or compressed meanwhile
        }
        long offset = from;
        try (LineReader r = new LineReader(in)) {
            while (r.next()) {
                if (!r.terminated) {
                    break; // an append in flight, or a torn line the next append repairs
                }
                offset += r.end - r.start + 1;
                if (r.end == r.start) {
                    continue;
                }
                scanned++;
                byte[] b = r.buf;
                if (!codec.encrypting() && !containsAll(b, r.start, r.end, needles)) {
                    continue;
                }
                AuditRecord rec;
                try {
                    rec = codec.decode(b, r.start, r.end);
                } catch (RecordCodec.BadRecord bad) {
                    if (bad.decryption) {
                        throw P21monException.usage(f.path() + " line " + r.lineNo + ": " + bad.getMessage());
                    }
                    continue; // verify reports damaged lines; a query reads what it can
                }
                lastSeq = Math.max(lastSeq, rec.seq());
                lastFile = f.name();
                if (!filter.matches(rec)) {
                    continue;
                }
                if (filter.grep() != null && codec.encrypting() && !AuditJson.line(rec).contains(filter.grep())) {
                    continue;
                }
                sink.accept(rec);
            }
        }
        return f.gzip() ? 0 : offset;
    }

    private static boolean containsAll(byte[] b, int from, int to, List<byte[]> needles) {
        for (byte[] n : needles) {
            if (indexOf(b, from, to, n) < 0) {
                return false;
            }
        }
        return true;
    }

    static int indexOf(byte[] b, int from, int to, byte[] n) {
        byte first = n[0];
        int max = to - n.length;
        outer:
        for (int i = from; i <= max; i++) {
            if (b[i] != first) {
                continue;
            }
            for (int k = 1; k < n.length; k++) {
                if (b[i + k] != n[k]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    static boolean exists(Path p) {
        return Files.exists(p);
    }
}
