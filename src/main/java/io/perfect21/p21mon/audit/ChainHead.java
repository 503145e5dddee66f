package io.perfect21.p21mon.audit;

import io.perfect21.p21mon.P21monException;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Consumer;

/**
 * Where the chain ends, for the next append: found from the last line of the newest day file that has one (after
 * {@link TornLine} set a torn last line aside), or where pruning cut the chain, and cached between appends of this
 * store while the newest file keeps the size the last append left. Call under the store's lock.
 */
final class ChainHead {
    /** The last record's seq and hash, in which file (null before the first record) of which day, and its size. */
    record Head(Path file, LocalDate day, long size, long seq, String hash) {
    }

    private final Path dir;
    private final Consumer<String> warnings;
    private Head cached;

    ChainHead(Path dir, Consumer<String> warnings) {
        this.dir = dir;
        this.warnings = warnings;
    }

    /** The head, repairing a torn last line. */
    Head find(List<DayFile> files) throws IOException {
        if (cached != null && !files.isEmpty()) {
            DayFile last = files.get(files.size() - 1);
            if (last.path().equals(cached.file()) && !last.gzip() && Files.size(last.path()) == cached.size()) {
                return cached;
            }
        }
        for (int i = files.size() - 1; i >= 0; i--) {
            Head h = files.get(i).gzip() ? lastOfGzip(files.get(i)) : lastOfPlain(files.get(i));
            if (h != null) {
                cached = h;
                return h;
            }
        }
        PrunedMark mark = PrunedMark.read(dir);
        if (mark != null) {
            return new Head(null, null, 0, mark.seq(), mark.hash());
        }
        return new Head(null, null, 0, 0, AuditRecord.GENESIS);
    }

    /** Where an append left the chain. */
    void moved(Head h) {
        cached = h;
    }

    /** Forgets the cached head (a failed write): the next append reads it again. */
    void forget() {
        cached = null;
    }

    /** The last record of a plain file (after cutting off a torn tail), or null when it has none. */
    private Head lastOfPlain(DayFile f) throws IOException {
        Path file = f.path();
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            long size = raf.length();
            byte[] tail = size == 0 ? null : tail(raf, size);
            if (tail != null && tail[tail.length - 1] != '\n') {
                size = TornLine.repair(file, raf, size, warnings);
                tail = size == 0 ? null : tail(raf, size);
            }
            if (tail == null) {
                return null;
            }
            int s = LineSource.lastNewline(tail, 0, tail.length - 1);
            if (s < 0 && tail.length < size) {
                throw P21monException.failed("cannot append: the last line of " + file + " is longer than 64 KiB; "
                        + "run 'p21mon audit verify'");
            }
            return record(f, size, tail, s + 1, tail.length - 1);
        }
    }

    /** The last 64 KiB of the file (all of a smaller one). */
    private static byte[] tail(RandomAccessFile raf, long size) throws IOException {
        byte[] tail = new byte[(int) Math.min(size, 1 << 16)];
        raf.seek(size - tail.length);
        raf.readFully(tail);
        return tail;
    }

    private Head lastOfGzip(DayFile f) throws IOException {
        byte[] last = null;
        try (LineSource r = new LineSource(f.open())) {
            while (r.next()) {
                if (r.end > r.start && r.terminated) {
                    last = java.util.Arrays.copyOfRange(r.buf, r.start, r.end);
                }
            }
        }
        return last == null ? null : record(f, Files.size(f.path()), last, 0, last.length);
    }

    /** The head at the record {@code b[from, to)}, the last line of the file; it must be a valid record. */
    private static Head record(DayFile f, long size, byte[] b, int from, int to) {
        LineScanner sc = new LineScanner();
        int si;
        int hi;
        if (!sc.scan(b, from, to) || (si = sc.find(AuditField.SEQ.bytes)) < 0
                || (hi = sc.find(AuditField.HASH.bytes)) < 0 || sc.longValue(si) < 0 || sc.plainString(hi) == null) {
            throw P21monException.failed("cannot append: the last line of " + f.path() + " is not a valid record ("
                    + (sc.error != null ? sc.error : "no seq or hash") + "); no record was written. "
                    + "Run 'p21mon audit verify' and move the bad line away");
        }
        return new Head(f.path(), f.day(), size, sc.longValue(si), sc.plainString(hi));
    }
}
