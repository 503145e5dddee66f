package io.perfect21.p21mon.audit;

import io.perfect21.p21mon.IoErrors;
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
 * {@code until} unless an import put older records there. A plain day with a usable {@link AuditIndex} is read through
 * it (only candidate lines, then the unindexed tail); other files are scanned, lines tested for the filter's byte
 * strings before being parsed. {@code limit} keeps the newest N (a bounded ring). {@code follow} then polls for new records.
 *
 * <pre>{@code
 * List<Long> seqs = new ArrayList<>();
 * new AuditQuery(store).run(AuditQuery.Request.of(filter), record -> seqs.add(record.seq()));
 * }</pre>
 */
public final class AuditQuery {
    private final AuditStore store;
    private final RecordCodec codec;
    private long lastSeq;
    private String lastFile;
    private long scanned;
    private long pollMillis = 1000;
    private long inflated;
    private int membersInflated;
    private long coveredSize;
    private LineFilter lineFilter;

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

    /**
     * Plain bytes of gzipped days inflated: by lookups, only within the members holding candidates; by scans, what
     * they read (for tests and figures).
     */
    public long inflated() {
        return inflated;
    }

    /** Gzip members a lookup started to inflate. */
    public int membersInflated() {
        return membersInflated;
    }

    /** Lines looked at (lines without the filter's byte strings are skipped unseen). */
    public long scanned() {
        return scanned;
    }

    /**
     * What a query reads: the records {@code filter} matches, in the files of {@code fromDay} on (a checkpoint's
     * file; null: all), only the newest {@code limit} (0: all, streamed as found), and with {@code follow} then the
     * new records as they come, until {@code stop} is true.
     */
    public record Request(AuditFilter filter, LocalDate fromDay, int limit, boolean follow, BooleanSupplier stop) {
        /** Every record the filter matches, once. */
        public static Request of(AuditFilter filter) {
            return new Request(filter, null, 0, false, () -> true);
        }

        /** Only the newest {@code n} (0: all). */
        public Request newest(int n) {
            return new Request(filter, fromDay, n, follow, stop);
        }

        /** Then the new records as they come, until {@code until} is true. */
        public Request following(BooleanSupplier until) {
            return new Request(filter, fromDay, limit, true, until);
        }
    }

    /** Streams the records the request asks for to the sink. */
    public void run(Request request, AuditSink sink) {
        AuditFilter filter = request.filter();
        LocalDate fromDay = request.fromDay();
        int limit = request.limit();
        lastSeq = filter.afterSeq();
        lineFilter = codec.encrypting() ? null : new LineFilter(filter);
        List<byte[]> needles = filter.needles();
        AuditIndex.Probe probe = store.indexed() ? AuditIndex.Probe.of(filter) : null;
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
            List<DayFile> selected = new java.util.ArrayList<>();
            for (DayFile f : store.files()) {
                if ((sinceDay != null && f.day().isBefore(sinceDay)) || (fromDay != null && f.day().isBefore(fromDay))
                        || (untilDay != null && f.day().isAfter(untilDay)
                        && !unordered.contains(DayFile.plainName(f.day())))) {
                    continue;
                }
                selected.add(f);
            }
            InputStream ahead = null;
            try {
                for (int i = 0; i < selected.size(); i++) {
                    DayFile f = selected.get(i);
                    InputStream current = ahead;
                    ahead = null;
                    if (i + 1 < selected.size() && selected.get(i + 1).gzip() && !lookedUp(selected.get(i + 1), probe)) {
                        ahead = openQuietly(selected.get(i + 1), filter); // inflate the next day while this one is scanned
                    }
                    tailFile = f.path();
                    long covered = probe == null ? 0 : indexed(f, probe, filter, needles, target);
                    if (current != null && covered > 0) {
                        current.close(); // opened ahead from the start (the day's index appeared meanwhile)
                        current = null;
                    }
                    if (f.gzip() && covered > 0 && covered >= coveredSize) {
                        continue; // a gzipped day its index answered whole
                    }
                    tailOffset = scanFile(f, covered, current, filter, needles, target);
                }
            } finally {
                if (ahead != null) {
                    ahead.close();
                }
            }
            if (ring != null) {
                for (AuditRecord r : ring) {
                    sink.accept(r);
                }
            }
            while (request.follow() && !request.stop().getAsBoolean()) {
                sink.idle();
                sleep();
                List<DayFile> files = store.files();
                for (DayFile f : files) {
                    if (f.gzip() || (tailFile != null && f.path().getFileName().toString()
                            .compareTo(tailFile.getFileName().toString()) < 0)) {
                        continue;
                    }
                    long from = f.path().equals(tailFile) ? tailOffset : 0;
                    tailOffset = scanFile(f, from, null, filter, needles, sink);
                    tailFile = f.path();
                }
            }
        } catch (IOException e) {
            throw P21monException.failed("cannot read the audit log in " + store.dir() + ": " + IoErrors.describe(store.dir(), e), e);
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

    /**
     * Reads one file from a byte offset (plain files); returns the offset after the last complete line. With byte
     * strings to look for, the buffer is searched for the longest one and only the lines around its hits are
     * looked at; the others are skipped without being split.
     */
    private long scanFile(DayFile f, long from, InputStream opened, AuditFilter filter, List<byte[]> needles,
                          AuditSink sink) throws IOException {
        InputStream in;
        try {
            if (opened != null) {
                in = opened;
            } else if (f.gzip()) {
                in = from == 0 ? open(f, filter) : gzFrom(f, from);
            } else {
                FileChannel ch = FileChannel.open(f.path(), StandardOpenOption.READ);
                if (ch.size() <= from) {
                    ch.close();
                    return from; // nothing past what the index covered (or what was read before)
                }
                ch.position(from);
                in = Channels.newInputStream(ch);
            }
        } catch (NoSuchFileException gone) {
            return from; // pruned or compressed meanwhile
        }
        byte[] key = null;
        if (!codec.encrypting()) {
            for (byte[] n : needles) {
                if (key == null || n.length > key.length) {
                    key = n;
                }
            }
        }
        long offset = from;
        if (buf == null) {
            buf = new byte[LineSource.BLOCK];
        }
        try (LineSource lines = new LineSource(in)) {
            int len;
            while ((len = lines.nextBlock(buf)) >= 0) {
                byte[] b = lines.block;
                buf = b;
                int lastNl = LineSource.lastNewline(b, 0, len);
                if (lastNl < 0) {
                    break; // an unterminated tail: an append in flight, or a torn line the next append repairs
                }
                if (key == null) {
                    for (int ls = 0; ls <= lastNl; ) {
                        int le = LineSource.newline(b, ls, lastNl + 1);
                        line(f, b, ls, le, filter, needles, sink);
                        ls = le + 1;
                    }
                } else {
                    int i = 0;
                    while ((i = indexOf(b, i, lastNl, key)) >= 0) {
                        int ls = i;
                        while (ls > 0 && b[ls - 1] != '\n') {
                            ls--;
                        }
                        int le = LineSource.newline(b, i, lastNl + 1);
                        line(f, b, ls, le, filter, needles, sink);
                        i = le + 1;
                    }
                }
                int lastStart = LineSource.lastNewline(b, 0, lastNl) + 1;
                long seq = AuditIndex.seqOf(b, lastStart, lastNl);
                if (seq > lastSeq) {
                    lastSeq = seq;
                    lastFile = f.name();
                }
                offset += lastNl + 1;
            }
        }
        if (f.gzip()) {
            inflated += offset - from;
        }
        return f.gzip() ? 0 : offset;
    }

    private byte[] buf; // one block, allocated by the first scan that has bytes to read

    /**
     * Reads the records of a plain day file that its index names as candidates ({@link IndexLookup}); returns the
     * offset up to which the index covered the file (the caller scans the rest), 0 without a usable index.
     */
    private long indexed(DayFile f, AuditIndex.Probe probe, AuditFilter filter, List<byte[]> needles, AuditSink sink)
            throws IOException {
        IndexLookup lookup = new IndexLookup(probe, (b, s, e, seq) -> candidate(b, s, e, seq, filter, needles, sink));
        long covered = lookup.read(f.path());
        coveredSize = lookup.size();
        inflated += lookup.inflated();
        membersInflated += lookup.membersStarted();
        if (lookup.lastSeq() > lastSeq) {
            lastSeq = lookup.lastSeq();
            lastFile = f.name();
        }
        return covered;
    }

    /** Matches one candidate line; false if it is not the record with the entry's seq. */
    private boolean candidate(byte[] b, int s, int e, long seq, AuditFilter filter, List<byte[]> needles,
                              AuditSink sink) throws IOException {
        if (b[e] != '\n' || AuditIndex.seqOf(b, s, e) != seq) {
            return false;
        }
        scanned++;
        if (!containsAll(b, s, e, needles)) {
            return true;
        }
        if (!lineMatched(b, s, e, sink)) {
            AuditRecord rec;
            try {
                rec = codec.decode(b, s, e);
            } catch (RecordCodec.BadRecord bad) {
                return true; // verify reports damaged lines; a query reads what it can
            }
            if (filter.matches(rec)) {
                sink.accept(rec);
            }
        }
        return true;
    }

    /**
     * Settles a plain line on its bytes where that is certain ({@link LineFilter}): false if it must be decoded (an
     * unusual line, or a sink that takes records), true if it was rejected or handed to the sink as stored.
     */
    private boolean lineMatched(byte[] b, int s, int e, AuditSink sink) throws IOException {
        if (lineFilter == null) {
            return false;
        }
        int m = lineFilter.test(b, s, e);
        if (m == LineFilter.NO) {
            return true;
        }
        AuditSink.StoredLines lines = m == LineFilter.YES ? sink.storedLines() : null;
        if (lines != null) {
            lines.accept(b, s, e);
            return true;
        }
        return false;
    }

    private InputStream openQuietly(DayFile f, AuditFilter filter) {
        try {
            return open(f, filter);
        } catch (IOException e) {
            return null; // it will be opened (and its error reported) in turn
        }
    }

    /** Whether a gzipped day will be read through its index (and so is not worth inflating ahead). */
    private static boolean lookedUp(DayFile f, AuditIndex.Probe probe) {
        return probe != null && Files.exists(GzMap.of(f.path())) && Files.exists(AuditIndex.of(f.path()));
    }

    /**
     * Opens a day to scan it whole. A gzipped day with a block map and a filter with a time window inflates only the
     * members whose minutes meet the window (its last seq then comes from the map, as from an index).
     */
    private InputStream open(DayFile f, AuditFilter filter) throws IOException {
        if (!f.gzip() || filter.since() == null && filter.until() == null) {
            return f.open();
        }
        GzMap map = GzMap.read(f.path());
        if (map == null) {
            return f.open();
        }
        int from = filter.since() == null ? Integer.MIN_VALUE : (int) Math.floorDiv(filter.since().getEpochSecond(), 60);
        int to = filter.until() == null ? Integer.MAX_VALUE : (int) Math.floorDiv(filter.until().getEpochSecond(), 60);
        InputStream all = GzDay.window(f.path(), map, from, to);
        long last = map.members.isEmpty() ? -1 : map.members.get(map.members.size() - 1).lastSeq();
        if (last > lastSeq) {
            lastSeq = last;
            lastFile = f.name();
        }
        return new ReadAhead(all, f.name());
    }

    /** A gzipped day from a plain offset: from the member holding it when the day has a map, else inflated up to it. */
    private static InputStream gzFrom(DayFile f, long from) throws IOException {
        GzDay day = GzDay.open(f.path());
        if (day == null) {
            InputStream in = f.open();
            in.skipNBytes(from);
            return in;
        }
        InputStream in = day.from(from);
        return new java.io.FilterInputStream(in) {
            @Override
            public void close() throws IOException {
                super.close();
                day.close();
            }
        };
    }

    private void line(DayFile f, byte[] b, int s, int e, AuditFilter filter, List<byte[]> needles, AuditSink sink)
            throws IOException {
        if (e == s) {
            return;
        }
        scanned++;
        if (!codec.encrypting() && needles.size() > 1 && !containsAll(b, s, e, needles)) {
            return;
        }
        if (lineMatched(b, s, e, sink)) {
            return;
        }
        AuditRecord rec;
        try {
            rec = codec.decode(b, s, e);
        } catch (RecordCodec.BadRecord bad) {
            if (bad.decryption) {
                throw P21monException.usage(f.path() + " seq " + AuditIndex.seqOf(b, s, e) + ": " + bad.getMessage());
            }
            return; // verify reports damaged lines; a query reads what it can
        }
        if (!filter.matches(rec)) {
            return;
        }
        if (filter.grep() != null && codec.encrypting() && !AuditJson.line(rec).contains(filter.grep())) {
            return;
        }
        sink.accept(rec);
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
}
