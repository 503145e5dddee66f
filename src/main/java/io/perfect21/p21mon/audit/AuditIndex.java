package io.perfect21.p21mon.audit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

/**
 * The sidecar index of a plain day file, {@code audit-YYYY-MM-DD.jsonl.idx}: a 16-byte header, then one fixed
 * 40-byte entry per line in file order (where the line is, its seq, its minute, and hashes of the seven indexed
 * fields, {@link #TERMS}). A query reads these entries instead of the JSON and re-reads only the candidate lines, which
 * it parses and matches with the real filter (a hash collision costs a read, never a wrong answer).
 *
 * <p>The index is never trusted over the records: it covers the file up to the end of its last entry ({@link
 * #covered}); lines after that (an append whose entry a crash lost) are scanned; an index whose first or last entry
 * does not point at a line with its seq, or whose magic is not this format's, is stale and ignored. Entries are
 * appended under the store's lock after the lines are on disk; a lagging index is caught up there, a stale one
 * (another format included) rebuilt, and {@code audit reindex} / {@code verify} rebuild it too.
 * Encrypted stores have no index (hashes of user ids would leak what the encryption hides).
 */
final class AuditIndex {
    static final String SUFFIX = ".idx";
    static final int HEADER = 16;
    static final int ENTRY = 40;
    /** The format: {@code p21idx1} entries (32 bytes, four fields) are foreign to this reader and rebuilt. */
    private static final byte[] MAGIC = "p21idx2\n".getBytes(StandardCharsets.US_ASCII);
    static final int NO_MINUTE = Integer.MIN_VALUE;
    /**
     * The indexed fields, by their number in the postings' dictionary ({@code AuditPostings.F_USER} ..): user, event
     * type, level, result, source ip, resource, action.
     */
    static final AuditField[] TERMS = {AuditField.USER_ID, AuditField.EVENT_TYPE, AuditField.LEVEL, AuditField.RESULT,
            AuditField.SOURCE_IP, AuditField.RESOURCE, AuditField.ACTION};
    // an entry as ints: place = offset << 24 | length (2), seq (2), minute, user, source ip, resource (32-bit hashes),
    // type << 16 | action, level << 16 | result (16-bit hashes of the fields with few values)
    static final int W_PLACE = 0;
    static final int W_SEQ = 2;
    static final int W_MINUTE = 4;
    private static final int W_USER = 5;
    private static final int W_SOURCE_IP = 6;
    private static final int W_RESOURCE = 7;
    private static final int W_TYPE_ACTION = 8;
    private static final int W_LEVEL_RESULT = 9;

    private AuditIndex() {
    }

    static Path of(Path dataFile) {
        return DayFile.beside(dataFile, SUFFIX);
    }

    // ---- entries

    /**
     * The hash of indexed field {@code f} ({@link #TERMS}) in the entry at {@code w[at]}, as the entry holds it: the
     * fields with few values (type, level, result, action) in 16 bits, sign-extended.
     */
    static int term(int[] w, int at, int f) {
        return switch (f) {
            case AuditPostings.F_USER -> w[at + W_USER];
            case AuditPostings.F_TYPE -> (short) (w[at + W_TYPE_ACTION] >> 16);
            case AuditPostings.F_LEVEL -> (short) (w[at + W_LEVEL_RESULT] >> 16);
            case AuditPostings.F_RESULT -> (short) w[at + W_LEVEL_RESULT];
            case AuditPostings.F_SOURCE_IP -> w[at + W_SOURCE_IP];
            case AuditPostings.F_RESOURCE -> w[at + W_RESOURCE];
            case AuditPostings.F_ACTION -> (short) w[at + W_TYPE_ACTION];
            default -> throw new IllegalArgumentException("field " + f);
        };
    }

    /** A hash as the entry holds field {@code f}'s (see {@link #term}). */
    static int narrowed(int f, int hash) {
        return switch (f) {
            case AuditPostings.F_TYPE, AuditPostings.F_LEVEL, AuditPostings.F_RESULT, AuditPostings.F_ACTION ->
                    (short) hash;
            default -> hash;
        };
    }

    /** What an entry says of a line besides where it is and its seq: its minute and the hashes of {@link #TERMS}. */
    record Keys(int minute, int[] hashes) {
        static final Keys NONE = new Keys(NO_MINUTE, new int[TERMS.length]);

        /**
         * The keys of a prepared plain record, from its encoded body ({@code starts}/{@code ends}: the members of
         * {@link AuditField#EVENT}, key included): the same as {@link #entry} finds in the stored line, computed where
         * the record is prepared (import's parse threads) rather than under the store's lock.
         */
        static Keys of(byte[] body, int[] starts, int[] ends, Instant time) {
            long s = time.getEpochSecond(); // within years 1000..9999 the stored text is what Timestamps.format wrote
            int minute = s >= -30_610_224_000L && s < 253_402_300_800L ? (int) Math.floorDiv(s, 60) : AuditIndex.minute(
                    body, value(AuditField.TIMESTAMP, starts), ends[AuditField.TIMESTAMP.ordinal() - 1]);
            int[] h = new int[TERMS.length];
            for (int f = 0; f < h.length; f++) {
                AuditField field = TERMS[f];
                h[f] = AuditIndex.hash(body, value(field, starts), ends[field.ordinal() - 1]);
            }
            return new Keys(minute, h);
        }

        private static int value(AuditField f, int[] starts) {
            return starts[f.ordinal() - 1] + f.bytes.length + 3; // after "key":
        }
    }

    /** Writes the entry of the line {@code b[s, e)} (without its newline), found at {@code offset} of its file. */
    static void entry(LineScanner sc, byte[] b, int s, int e, long offset, ByteBuffer out) {
        long seq = -1;
        Keys keys = Keys.NONE;
        if (sc.scan(b, s, e)) {
            int i = sc.find(AuditField.SEQ.bytes);
            seq = i < 0 ? -1 : sc.longValue(i);
            i = sc.find(AuditField.TIMESTAMP.bytes);
            int[] h = new int[TERMS.length];
            for (int f = 0; f < h.length; f++) {
                h[f] = valueHash(sc, b, TERMS[f].bytes);
            }
            keys = new Keys(i < 0 ? NO_MINUTE : minute(b, sc.valueStart[i], sc.valueEnd[i]), h);
        }
        entry(offset, e - s, seq, keys, out);
    }

    /** Writes one entry: where the line is (offset, length without its newline), its seq and its keys. */
    static void entry(long offset, int length, long seq, Keys keys, ByteBuffer out) {
        out.putLong(offset << 24 | Math.min(length, 0xFFFFFF));
        out.putLong(seq);
        int[] h = keys.hashes();
        out.putInt(keys.minute());
        out.putInt(h[AuditPostings.F_USER]);
        out.putInt(h[AuditPostings.F_SOURCE_IP]);
        out.putInt(h[AuditPostings.F_RESOURCE]);
        out.putShort((short) h[AuditPostings.F_TYPE]);
        out.putShort((short) h[AuditPostings.F_ACTION]);
        out.putShort((short) h[AuditPostings.F_LEVEL]);
        out.putShort((short) h[AuditPostings.F_RESULT]);
    }

    /** The end (exclusive) of the JSON string or literal value starting at {@code v}. */
    private static int valueEnd(byte[] b, int v, int e) {
        if (v < e && b[v] == '"') {
            for (int i = v + 1; i < e; i++) {
                if (b[i] == '\\') {
                    i++;
                } else if (b[i] == '"') {
                    return i + 1;
                }
            }
            return e;
        }
        int i = v;
        while (i < e && b[i] != ',' && b[i] != '}') {
            i++;
        }
        return i;
    }

    /** Epoch minutes of a stored timestamp value ({@code "YYYY-MM-DDTHH:MM:SS...Z"}), or NO_MINUTE. */
    private static int minute(byte[] b, int v, int e) {
        int end = valueEnd(b, v, e);
        if (end - v < 22 || b[v] != '"' || b[end - 2] != 'Z') {
            return NO_MINUTE;
        }
        String ts = new String(b, v + 1, end - v - 2, StandardCharsets.US_ASCII);
        Instant t = Timestamps.parseUtc(ts);
        return t == null ? NO_MINUTE : (int) Math.floorDiv(t.getEpochSecond(), 60);
    }

    private static int valueHash(LineScanner sc, byte[] b, byte[] key) {
        int i = sc.find(key);
        return i < 0 ? 0 : hash(b, sc.valueStart[i], sc.valueEnd[i]);
    }

    /** FNV-1a of the value as it stands in the line (JSON-encoded, quotes included). */
    static int hash(byte[] b, int s, int e) {
        int h = 0x811c9dc5;
        for (int i = s; i < e; i++) {
            h = (h ^ (b[i] & 0xff)) * 0x01000193;
        }
        return h;
    }

    /** The hash of a filter's value, as {@link #entry} hashes it in a line p21mon wrote. */
    static int hash(String value) {
        ByteBuf b = new ByteBuf(64);
        if (value == null) {
            b.ascii("null");
        } else {
            Jcs.string(b, value);
        }
        return hash(b.bytes, 0, b.length);
    }

    static long offset(ByteBuffer bb, int at) {
        return bb.getLong(at) >>> 24;
    }

    static int length(ByteBuffer bb, int at) {
        return (int) (bb.getLong(at) & 0xFFFFFF);
    }

    static long seq(ByteBuffer bb, int at) {
        return bb.getLong(at + 8);
    }

    // ---- writing (under the store's lock)

    /**
     * Indexes the lines just appended ({@code lines[0, length)}, written at {@code before}): first catches the index
     * up to {@code before} if it lags (a crash between a record and its entry) or rebuilds it if it is stale. With
     * {@code written} (the lines' ends, seqs and keys, as the writer knows them), the lines are not read again.
     */
    static void appended(Path dataFile, long before, byte[] lines, int length, Written written) throws IOException {
        Path idx = of(dataFile);
        try (FileChannel ch = FileChannel.open(idx, EnumSet.of(StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))) {
            long covered = coveredForWrite(ch, dataFile);
            if (covered > before) {
                rebuild(dataFile); // stale (not this file's index): replaced whole, the batch's lines included
                return;
            }
            if (covered < before) {
                indexFile(dataFile, ch, covered, before); // lagging: a crash lost entries of earlier lines
            }
            if (written == null || written.count == 0 || written.ends[written.count - 1] != length) {
                entries(new LineSource(new java.io.ByteArrayInputStream(lines, 0, length)), before, ch);
            } else {
                ch.position(ch.size());
                ByteBuffer out = ByteBuffer.allocate(ENTRY * 1024);
                for (int i = 0; i < written.count; i++) {
                    if (!out.hasRemaining()) {
                        flush(ch, out);
                    }
                    int ls = i == 0 ? 0 : written.ends[i - 1];
                    entry(before + ls, written.ends[i] - ls - 1, written.seqs[i], written.keys[i], out);
                }
                flush(ch, out);
            }
            AuditPostings.update(dataFile, new Entries(ch));
        }
    }


    /** The lines of a write as its writer knows them: where each ends (after its newline), its seq and its keys. */
    static final class Written {
        int count;
        int[] ends = new int[1024];
        long[] seqs = new long[1024];
        Keys[] keys = new Keys[1024];

        void add(int end, long seq, Keys k) {
            if (count == ends.length) {
                ends = java.util.Arrays.copyOf(ends, 2 * count);
                seqs = java.util.Arrays.copyOf(seqs, 2 * count);
                keys = java.util.Arrays.copyOf(keys, 2 * count);
            }
            ends[count] = end;
            seqs[count] = seq;
            keys[count++] = k;
        }

        void clear() {
            count = 0;
        }
    }

    /** Rebuilds the index of a day file (plain or gzipped) from its lines. Call under the store's lock. */
    static void rebuild(Path dataFile) throws IOException {
        Path idx = of(dataFile);
        Path tmp = DayFile.beside(idx, ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, EnumSet.of(StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))) {
            header(ch);
            indexFile(dataFile, ch, 0, Long.MAX_VALUE);
        }
        Files.move(tmp, idx, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        AuditPostings.delete(dataFile);
        try (FileChannel ch = FileChannel.open(idx, StandardOpenOption.READ)) {
            AuditPostings.update(dataFile, new Entries(ch));
        }
    }

    /**
     * Whether the index fits its day file line for line, reading only the index (for {@code verify}, which must stay
     * as fast as it was): entries back to back from offset 0 to the last newline of the file, consecutive seqs (a
     * file's records are consecutive in the chain), first and last entry on lines with their seq. The field hashes
     * are not re-derived here; {@code audit reindex} rewrites them from the lines. Call under the store's lock.
     */
    static boolean consistent(Path dataFile) throws IOException {
        try (FileChannel ix = open(dataFile)) {
            if (ix == null || ix.size() < HEADER || !magic(ix) || (ix.size() - HEADER) % ENTRY != 0
                    || covered(ix, dataFile) < 0) {
                return false;
            }
            long n = (ix.size() - HEADER) / ENTRY;
            long expected = 0;
            long prevSeq = -1;
            for (long done = 0; done < n; ) {
                int chunk = (int) Math.min(n - done, 1 << 20);
                ByteBuffer bb = ix.map(FileChannel.MapMode.READ_ONLY, HEADER + done * ENTRY, (long) chunk * ENTRY);
                for (int i = 0; i < chunk; i++) {
                    int at = i * ENTRY;
                    long seq = seq(bb, at);
                    if (offset(bb, at) != expected || seq >= 0 && prevSeq >= 0 && seq != prevSeq + 1) {
                        return false;
                    }
                    expected += length(bb, at) + 1;
                    prevSeq = seq < 0 ? -1 : seq;
                }
                done += chunk;
            }
            try (DayBytes data = DayBytes.open(dataFile)) {
                long size = data == null ? -1 : data.size();
                if (expected > size || size - expected > (1 << 24)) {
                    return false;
                }
                ByteBuffer tail = ByteBuffer.allocate((int) (size - expected));
                while (tail.hasRemaining() && data.read(tail, expected + tail.position()) >= 0) {
                    // read on
                }
                for (int i = 0; i < tail.position(); i++) {
                    if (tail.get(i) == '\n') {
                        return false; // a complete line without an entry
                    }
                }
            }
            return true;
        }
    }

    /** Removes the index of a day file (when the file is pruned or compressed). */
    static void delete(Path dataFile) throws IOException {
        Files.deleteIfExists(of(dataFile));
        AuditPostings.delete(dataFile);
    }

    /** The entries of an open index, by ordinal (mapped a million at a time, as they are asked for). */
    static final class Entries {
        private static final int PER_MAP = 1 << 20;
        private final FileChannel ch;
        private final long count;
        private final ByteBuffer[] maps;

        Entries(FileChannel ch) throws IOException {
            this.ch = ch;
            this.count = Math.max(0, (ch.size() - HEADER) / ENTRY);
            this.maps = new ByteBuffer[(int) ((count + PER_MAP - 1) / PER_MAP)];
        }

        long count() {
            return count;
        }

        /** The mapped entries holding ordinal {@code i}; the entry is at {@link #at}. */
        ByteBuffer map(long i) throws IOException {
            int m = (int) (i / PER_MAP);
            if (maps[m] == null) {
                long from = (long) m * PER_MAP;
                maps[m] = ch.map(FileChannel.MapMode.READ_ONLY, HEADER + from * ENTRY,
                        Math.min(PER_MAP, count - from) * ENTRY);
            }
            return maps[m];
        }

        static int at(long i) {
            return (int) (i % PER_MAP) * ENTRY;
        }

        /** Where line i is (offset << 24 | length), read by itself (as {@link #read}). */
        long place(long i) throws IOException {
            read(i, scratch);
            return Probe.longAt(scratch, W_PLACE);
        }

        long seq(long i) throws IOException {
            read(i, scratch);
            return Probe.longAt(scratch, W_SEQ);
        }

        private final int[] scratch = new int[ENTRY / 4];

        /**
         * Reads entry i into {@code w} as {@code ENTRY / 4} ints by a positioned read: for the scattered entries of a
         * lookup's candidates, where touching a mapped page cost a page fault each (~14 µs here, half the time of 10,000
         * matches at 10M events; the segments' checks of their last entries cost as much again). Sequential readers use
         * {@link #words}.
         */
        void read(long i, int[] w) throws IOException {
            if (one == null) {
                one = ByteBuffer.allocateDirect(ENTRY);
            }
            one.clear();
            long pos = HEADER + i * ENTRY;
            while (one.hasRemaining()) {
                if (ch.read(one, pos + one.position()) < 0) {
                    throw new java.io.EOFException("index entry " + i + " is past the end of the index");
                }
            }
            for (int k = 0; k < ENTRY / 4; k++) {
                w[k] = one.getInt(4 * k);
            }
        }

        private ByteBuffer one;

        /** Copies entry i as {@code ENTRY / 4} ints into {@code w}. */
        void words(long i, int[] w) throws IOException {
            ByteBuffer b = map(i);
            int a = at(i);
            for (int k = 0; k < ENTRY / 4; k++) {
                w[k] = b.getInt(a + 4 * k);
            }
        }
    }

    private static void header(FileChannel ch) throws IOException {
        ByteBuffer h = ByteBuffer.allocate(HEADER).put(MAGIC);
        h.position(HEADER).flip();
        ch.write(h, 0);
    }

    /**
     * The end of the covered part for a writer (Long.MAX_VALUE when stale); writes the header of a new index and cuts
     * a torn entry. Never cuts whole entries: a query may have them mapped (it is replaced by a rename instead).
     */
    private static long coveredForWrite(FileChannel ch, Path dataFile) throws IOException {
        long size = ch.size();
        if (size == 0) {
            header(ch);
            return 0;
        }
        if (size < HEADER || !magic(ch)) {
            return Long.MAX_VALUE;
        }
        long whole = HEADER + (size - HEADER) / ENTRY * ENTRY;
        if (whole != size) {
            ch.truncate(whole);
        }
        long c = covered(ch, dataFile);
        return c < 0 ? Long.MAX_VALUE : c;
    }

    /** Appends the entries of the complete lines of {@code dataFile[from, to)} (to the end with Long.MAX_VALUE). */
    private static void indexFile(Path dataFile, FileChannel idx, long from, long to) throws IOException {
        java.io.InputStream in;
        if (dataFile.getFileName().toString().endsWith(".gz")) { // a gzipped day is indexed whole, once
            in = new java.util.zip.GZIPInputStream(Files.newInputStream(dataFile), 1 << 16);
            in.skipNBytes(from);
        } else {
            FileChannel ch = FileChannel.open(dataFile, StandardOpenOption.READ);
            ch.position(from);
            in = java.nio.channels.Channels.newInputStream(ch);
        }
        try (LineSource lines = new LineSource(in)) {
            entries(lines.limit(to == Long.MAX_VALUE ? to : to - from), from, idx);
        }
    }

    /** Appends the entries of the complete lines of {@code lines}, whose stream starts at {@code base} of the day file. */
    private static void entries(LineSource lines, long base, FileChannel idx) throws IOException {
        idx.position(idx.size());
        ByteBuffer out = ByteBuffer.allocate(ENTRY * 4096);
        LineScanner sc = new LineScanner();
        while (lines.next()) {
            if (lines.terminated) {
                if (!out.hasRemaining()) {
                    flush(idx, out);
                }
                entry(sc, lines.buf, lines.start, lines.end, base + lines.offset(), out);
            }
        }
        flush(idx, out);
    }

    private static void flush(FileChannel ch, ByteBuffer out) throws IOException {
        out.flip();
        while (out.hasRemaining()) {
            ch.write(out);
        }
        out.clear();
    }

    private static boolean magic(FileChannel ch) throws IOException {
        ByteBuffer h = ByteBuffer.allocate(MAGIC.length);
        ch.read(h, 0);
        return java.util.Arrays.equals(h.array(), MAGIC);
    }

    // ---- reading

    /**
     * The byte offset of the data file up to which the index holds an entry for every line, 0 for an empty index,
     * or -1 if the index is stale (its first or last entry does not point at a complete line with the entry's seq).
     */
    static long covered(FileChannel idx, Path dataFile) throws IOException {
        try (DayBytes data = DayBytes.open(dataFile)) {
            return data == null ? -1 : covered(idx, data);
        }
    }

    /** {@link #covered(FileChannel, Path)} against a day's plain bytes (a plain file, or a gzipped day by its map). */
    static long covered(FileChannel idx, DayBytes data) throws IOException {
        if (idx.size() >= HEADER && !magic(idx)) {
            return -1; // another format (p21idx1: 32-byte entries) or not an index at all
        }
        long entries = (idx.size() - HEADER) / ENTRY;
        if (entries <= 0) {
            return 0;
        }
        ByteBuffer first = ByteBuffer.allocate(ENTRY);
        ByteBuffer last = ByteBuffer.allocate(ENTRY);
        idx.read(first, HEADER);
        idx.read(last, HEADER + (entries - 1) * ENTRY);
        if (!data.lineAt(offset(first, 0), length(first, 0), seq(first, 0))
                || !data.lineAt(offset(last, 0), length(last, 0), seq(last, 0))) {
            return -1;
        }
        return offset(last, 0) + length(last, 0) + 1;
    }

    /** The seq of a line written by p21mon ({@code {"seq":N,...}}), or -1. */
    static long seqOf(byte[] b, int s, int e) {
        if (e - s < 9 || b[s] != '{' || b[s + 1] != '"' || b[s + 2] != 's' || b[s + 3] != 'e' || b[s + 4] != 'q'
                || b[s + 5] != '"' || b[s + 6] != ':') {
            return -1;
        }
        long v = 0;
        for (int p = s + 7; p < e && b[p] >= '0' && b[p] <= '9'; p++) {
            v = v * 10 + (b[p] - '0');
        }
        return v;
    }

    /**
     * What an entry must hold for its line to possibly match a filter; null when the index cannot narrow it.
     * {@code terms[f]}: the hashes (as the entry holds them) of the values field {@code f} of {@link #TERMS} may
     * have, null when the filter does not name the field.
     */
    record Probe(int[][] terms, int fromMinute, int toMinute, long afterSeq) {

        static Probe of(AuditFilter f) {
            int[][] terms = new int[TERMS.length][];
            terms[AuditPostings.F_USER] = hashes(AuditPostings.F_USER, f.users());
            terms[AuditPostings.F_TYPE] = hashes(AuditPostings.F_TYPE, f.types());
            terms[AuditPostings.F_LEVEL] = hashes(AuditPostings.F_LEVEL, f.levels());
            terms[AuditPostings.F_RESULT] = hashes(AuditPostings.F_RESULT, one(f.result()));
            terms[AuditPostings.F_SOURCE_IP] = hashes(AuditPostings.F_SOURCE_IP, f.sourceIps());
            terms[AuditPostings.F_RESOURCE] = hashes(AuditPostings.F_RESOURCE, one(f.resource()));
            terms[AuditPostings.F_ACTION] = hashes(AuditPostings.F_ACTION, one(f.action()));
            boolean narrows = f.since() != null || f.until() != null;
            for (int[] t : terms) {
                narrows |= t != null;
            }
            if (!narrows) {
                return null;
            }
            return new Probe(terms, f.since() == null ? Integer.MIN_VALUE : minute(f.since()),
                    f.until() == null ? Integer.MAX_VALUE : minute(f.until()), f.afterSeq());
        }

        private static Set<String> one(String value) {
            return value == null ? Set.of() : Set.of(value);
        }

        private static int minute(Instant t) {
            return (int) Math.max(Integer.MIN_VALUE + 1, Math.min(Integer.MAX_VALUE,
                    Math.floorDiv(t.getEpochSecond(), 60)));
        }

        private static int[] hashes(int field, Set<String> values) {
            if (values.isEmpty()) {
                return null;
            }
            int[] out = new int[values.size()];
            int i = 0;
            for (String v : values) {
                out[i++] = narrowed(field, hash(v));
            }
            return out;
        }

        /**
         * Collects where the candidate lines of {@code n} entries are; returns how many. The entries are copied in
         * one bulk read to {@code w} (at least {@code ENTRY / 4 * n} long, in the file's order) and probed there: a
         * loop over an array costs a fraction of one that reads a mapped buffer field by field.
         */
        int candidates(ByteBuffer entries, int n, int[] w, long[] offs, int[] lens, long[] seqs) {
            int ints = n * (ENTRY / 4);
            entries.duplicate().order(ByteOrder.BIG_ENDIAN).asIntBuffer().get(w, 0, ints);
            int c = 0;
            for (int at = 0; at < ints; at += ENTRY / 4) {
                if (candidate(w, at)) {
                    long place = longAt(w, at + W_PLACE);
                    offs[c] = place >>> 24;
                    lens[c] = (int) (place & 0xFFFFFF);
                    seqs[c++] = longAt(w, at + W_SEQ);
                }
            }
            return c;
        }

        static long longAt(int[] w, int i) {
            return (long) w[i] << 32 | w[i + 1] & 0xFFFFFFFFL;
        }

        /** Whether the entry at {@code w[at]} may match: every field the filter names, the minute and the seq. */
        boolean candidate(int[] w, int at) {
            for (int f = 0; f < terms.length; f++) {
                if (terms[f] != null && !in(terms[f], term(w, at, f))) {
                    return false;
                }
            }
            int minute = w[at + W_MINUTE];
            if (minute != NO_MINUTE && (minute < fromMinute || minute > toMinute)) {
                return false;
            }
            long seq = longAt(w, at + W_SEQ);
            return seq > afterSeq || seq < 0;
        }

        private static boolean in(int[] set, int v) {
            for (int x : set) {
                if (x == v) {
                    return true;
                }
            }
            return false;
        }
    }

    /** Opens the index of a plain day file for reading, or null if there is none. */
    static FileChannel open(Path dataFile) throws IOException {
        try {
            return FileChannel.open(of(dataFile), StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            return null;
        }
    }
}
