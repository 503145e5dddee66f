package io.perfect21.p21mon.audit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Finds the candidate lines of a plain day through its index: for each {@link AuditPostings} segment the postings of
 * the filter's keys (the rarest field first, intersected with the others while they are not much longer), narrowed
 * by the segment's time index; then the index entries past the last segment, probed one by one. Every candidate's
 * entry is probed in full ({@link AuditIndex.Probe}) and its line read back (neighbouring lines in one read) and
 * handed to {@link Lines}, which checks that it is the record the entry names and matches it. A gzipped day is read
 * the same way: its index's offsets are plain offsets, and {@link GzDay} inflates only the members they fall in.
 */
final class IndexLookup {
    /** Takes a candidate line {@code b[s, e)} (newline at {@code b[e]}); false if it is not the record with that seq. */
    interface Lines {
        boolean candidate(byte[] b, int s, int e, long seq) throws IOException;
    }

    /** Index entries probed at a time (160 KiB): a run allocates these buffers once, and a 2.6 MB array cost ~8 ms. */
    static final int CHUNK = 1 << 12;
    /** A further field's postings are read and intersected only while they are at most this many times longer. */
    private static final int INTERSECT_RATIO = 64;

    private final AuditIndex.Probe probe;
    private final Lines lines;
    private long lastSeq = -1;
    private long[] offs = new long[CHUNK];
    private int[] lens = new int[CHUNK];
    private long[] seqs = new long[CHUNK];
    private int count;
    private int[] words;
    private Window window;
    private DayBytes data;
    private long size = -1;
    private long inflated;
    private int membersStarted;

    IndexLookup(AuditIndex.Probe probe, Lines lines) {
        this.probe = probe;
        this.lines = lines;
    }

    /** The seq of the last entry of the index read (-1 if none). */
    long lastSeq() {
        return lastSeq;
    }

    /**
     * Hands the candidate lines of {@code dataFile} to the {@link Lines}; returns the offset up to which the index
     * covered the file (the caller scans the rest), 0 without a usable index. A candidate that is not the record its
     * entry names ends the index's use there: the returned offset is that line's.
     */
    long read(Path dataFile) throws IOException {
        FileChannel idx;
        try {
            idx = AuditIndex.open(dataFile);
        } catch (IOException e) {
            return 0;
        }
        if (idx == null) {
            return 0;
        }
        try (FileChannel ix = idx; DayBytes data = DayBytes.open(dataFile)) {
            if (data == null) {
                return 0; // gone, or a gzipped day without a map that fits it: scanned whole
            }
            this.data = data;
            size = data.size();
            long covered = AuditIndex.covered(ix, data);
            if (covered <= 0) {
                return 0;
            }
            window = new Window(data);
            AuditIndex.Entries entries = new AuditIndex.Entries(ix);
            long n = entries.count();
            long next = 0;
            FileChannel pst = openPostings(dataFile);
            try {
                List<AuditPostings.Segment> segments = pst == null ? List.of() : AuditPostings.read(pst, entries);
                for (AuditPostings.Segment s : segments) {
                    long bad = segment(s, pst, entries, ix);
                    if (bad >= 0) {
                        return bad;
                    }
                    next = s.endOrdinal();
                }
            } finally {
                if (pst != null) {
                    pst.close();
                }
            }
            long bad = probeRange(ix, next, n);
            if (bad >= 0) {
                return bad;
            }
            lastSeq = entries.seq(n - 1);
            return covered;
        } catch (NoSuchFileException gone) {
            return 0;
        } finally {
            if (data instanceof GzDay gz) {
                inflated = gz.inflated;
                membersStarted = gz.membersStarted;
            }
            data = null;
        }
    }

    /** The length of the day's plain text as read (-1 if it was not opened). */
    long size() {
        return size;
    }

    /** For a gzipped day: the plain bytes inflated, and the members inflation started in. */
    long inflated() {
        return inflated;
    }

    int membersStarted() {
        return membersStarted;
    }

    private static FileChannel openPostings(Path dataFile) throws IOException {
        try {
            return FileChannel.open(AuditPostings.of(dataFile), StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /** The candidates of one segment; returns the offset to scan from if one was not its record, else -1. */
    private long segment(AuditPostings.Segment s, FileChannel pst, AuditIndex.Entries entries, FileChannel ix)
            throws IOException {
        if (s.lastSeq >= 0 && s.lastSeq <= probe.afterSeq()
                || s.maxMinute < probe.fromMinute() || s.minMinute > probe.toMinute()) {
            return -1; // a file's seqs ascend: nothing here is after the checkpoint, or nothing is in the window
        }
        List<int[]> terms = new ArrayList<>(); // per field: the dictionary indexes of its values
        List<Long> totals = new ArrayList<>();
        for (int f = 0; f < AuditPostings.FIELDS; f++) {
            if (!field(s, f, probe.terms()[f], terms, totals)) {
                return -1; // a value no entry of the segment has
            }
        }
        Integer[] order = new Integer[terms.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Long.compare(totals.get(a), totals.get(b)));
        int[] cand = null;
        for (int f : order) {
            if (cand != null && totals.get(f) > (long) INTERSECT_RATIO * Math.max(1, cand.length)) {
                break; // cheaper to test these fields on the candidates' entries
            }
            int[] u = union(s, pst, terms.get(f));
            if (u == null) {
                return probeRange(ix, s.first, s.endOrdinal()); // a damaged postings list: probe the entries
            }
            cand = cand == null ? u : intersect(cand, u);
            if (cand.length == 0) {
                return -1;
            }
        }
        if (cand == null) {
            for (int b = 0; b < s.blocks; b++) {
                if (inWindow(s, b)) {
                    long bad = probeRange(ix, s.first + (long) b * s.block,
                            s.first + Math.min(s.count, (long) (b + 1) * s.block));
                    if (bad >= 0) {
                        return bad;
                    }
                }
            }
            return -1;
        }
        if (words == null) {
            words = new int[AuditIndex.ENTRY / 4];
        }
        for (int ord : cand) {
            if (!inWindow(s, ord / s.block)) {
                continue;
            }
            entries.read(s.first + ord, words);
            if (probe.candidate(words, 0)) {
                long place = AuditIndex.Probe.longAt(words, AuditIndex.W_PLACE);
                if (count == CHUNK) {
                    long bad = flush();
                    if (bad >= 0) {
                        return bad;
                    }
                }
                offs[count] = place >>> 24;
                lens[count] = (int) (place & 0xFFFFFF);
                seqs[count++] = AuditIndex.Probe.longAt(words, AuditIndex.W_SEQ);
            }
        }
        return flush();
    }

    private boolean inWindow(AuditPostings.Segment s, int block) {
        return s.blockMax(block) >= probe.fromMinute() && s.blockMin(block) <= probe.toMinute();
    }

    /** Adds the dictionary indexes of a field's values (none given: the field does not narrow); false if none is there. */
    private static boolean field(AuditPostings.Segment s, int field, int[] hashes, List<int[]> terms, List<Long> totals) {
        if (hashes == null) {
            return true;
        }
        int[] found = new int[hashes.length];
        int k = 0;
        long total = 0;
        for (int h : hashes) {
            int t = s.find(field, h);
            if (t >= 0) {
                found[k++] = t;
                total += s.count(t);
            }
        }
        if (k == 0) {
            return false;
        }
        terms.add(Arrays.copyOf(found, k));
        totals.add(total);
        return true;
    }

    /** The sorted union of the postings of terms (the values of one field, alternatives); null if one is damaged. */
    private static int[] union(AuditPostings.Segment s, FileChannel pst, int[] terms) throws IOException {
        int[] out = new int[0];
        for (int t : terms) {
            int[] p = s.postings(pst, t);
            if (p == null) {
                return null;
            }
            if (out.length == 0) {
                out = p;
                continue;
            }
            int[] m = new int[out.length + p.length];
            int i = 0;
            int j = 0;
            int k = 0;
            while (i < out.length || j < p.length) {
                int v = j >= p.length || i < out.length && out[i] <= p[j] ? out[i++] : p[j++];
                if (k == 0 || m[k - 1] != v) {
                    m[k++] = v;
                }
            }
            out = Arrays.copyOf(m, k);
        }
        return out;
    }

    private static int[] intersect(int[] a, int[] b) {
        int[] out = new int[Math.min(a.length, b.length)];
        int i = 0;
        int j = 0;
        int k = 0;
        while (i < a.length && j < b.length) {
            if (a[i] < b[j]) {
                i++;
            } else if (a[i] > b[j]) {
                j++;
            } else {
                out[k++] = a[i++];
                j++;
            }
        }
        return Arrays.copyOf(out, k);
    }

    /** Probes the entries of ordinals {@code [from, to)} one by one; returns the offset to scan from, or -1. */
    private long probeRange(FileChannel ix, long from, long to) throws IOException {
        long bad = flush();
        if (bad >= 0) {
            return bad;
        }
        if (words == null || words.length < CHUNK * AuditIndex.ENTRY / 4) {
            words = new int[CHUNK * AuditIndex.ENTRY / 4];
        }
        for (long pos = from; pos < to; ) {
            int n = (int) Math.min(CHUNK, to - pos);
            ByteBuffer entries = ix.map(FileChannel.MapMode.READ_ONLY, AuditIndex.HEADER + pos * AuditIndex.ENTRY,
                    (long) n * AuditIndex.ENTRY);
            count = probe.candidates(entries, n, words, offs, lens, seqs);
            bad = flush();
            if (bad >= 0) {
                return bad;
            }
            pos += n;
        }
        return -1;
    }

    /** Reads and hands over the collected candidates; returns the offset of one that is not its record, or -1. */
    private long flush() throws IOException {
        for (int i = 0; i < count; i++) {
            int s = window.load(offs, lens, i, count);
            if (s < 0 || !lines.candidate(window.buf, s, s + lens[i], seqs[i])) {
                count = 0;
                return offs[i];
            }
        }
        count = 0;
        return -1;
    }

    /** Lines read by position: neighbouring candidates share one read, far ones get one each. */
    private static final class Window {
        private static final int MAX = 1 << 20;
        private static final int GAP = 1 << 15;
        final DayBytes data;
        byte[] buf = new byte[1 << 16];
        long start = -1;
        int length;

        Window(DayBytes data) {
            this.data = data;
        }

        /** Makes candidate i's line (and its newline) available; returns its start in buf, or -1 past the file. */
        int load(long[] offs, int[] lens, int i, int count) throws IOException {
            long off = offs[i];
            long need = off + lens[i] + 1;
            if (start < 0 || off < start || need > start + length) {
                long to = need;
                for (int k = i + 1; k < count && offs[k] - to <= GAP && offs[k] + lens[k] + 1 - off <= MAX; k++) {
                    to = offs[k] + lens[k] + 1;
                }
                int size = (int) (to - off);
                if (size > buf.length) {
                    buf = new byte[Math.max(size, Math.min(MAX, 2 * buf.length))];
                }
                ByteBuffer bb = ByteBuffer.wrap(buf, 0, size);
                while (bb.hasRemaining()) {
                    if (data.read(bb, off + bb.position()) < 0) {
                        return -1;
                    }
                }
                start = off;
                length = size;
            }
            return (int) (off - start);
        }
    }
}
