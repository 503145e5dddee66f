package io.perfect21.p21mon.audit;

import io.perfect21.p21mon.AtomicFiles;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * The block map of a gzipped day, {@code audit-YYYY-MM-DD.jsonl.gz.map} (mode 0600). {@code audit prune
 * --compress-after} writes a day as a multi-member gzip, one member per block of whole lines ({@link #block} (64 KiB) bytes of
 * plain text or a little more), which {@code zcat}, {@code gzip -t} and {@code rg -z} read as one stream; the map says
 * where each member is, so that a lookup inflates only the members holding its candidates ({@link GzDay}).
 *
 * <p>Layout (big-endian): a 44-byte header ({@code p21gzm1\n}, the gz file's length, its last 8 bytes (the CRC-32 and
 * length of its last member), the plain length, the member count), then per member 60 bytes (compressed offset and
 * length, plain offset and length, the seqs of its first and last line, its line count, its smallest and largest
 * minute), then the CRC-32C of all before. A map is used only if its CRC holds, it names this file's length and last
 * bytes, and its members tile the file and the plain text; otherwise the day is read whole, as without a map.
 * {@code verify} rebuilds a missing or bad map from the file's members (a day gzipped by an older p21mon is then one
 * member: correct, but inflated whole).
 */
final class GzMap {
    static final String SUFFIX = ".map";
    static int block = Integer.getInteger("p21mon.audit.gzBlock", 1 << 16); // plain bytes a member (tests: smaller)
    static final int HEADER = 44;
    static final int MEMBER = 60;
    private static final byte[] MAGIC = "p21gzm1\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TIMESTAMP = "\"timestamp\":\"".getBytes(StandardCharsets.US_ASCII);
    /** A member whose minutes are not known (a line without a readable time, or a rebuilt map) matches every window. */
    static final int ANY_MIN = Integer.MIN_VALUE;
    static final int ANY_MAX = Integer.MAX_VALUE;

    /** One gzip member: where it is in the file and in the plain text, and what it holds. */
    record Member(long compOffset, long compLength, long plainOffset, long plainLength, long firstSeq, long lastSeq,
                  int lines, int minMinute, int maxMinute) {
        long plainEnd() {
            return plainOffset + plainLength;
        }

        boolean inWindow(int fromMinute, int toMinute) {
            return maxMinute >= fromMinute && minMinute <= toMinute;
        }
    }

    final List<Member> members;
    final long plainSize;

    private GzMap(List<Member> members) {
        this.members = members;
        Member last = members.isEmpty() ? null : members.get(members.size() - 1);
        this.plainSize = last == null ? 0 : last.plainEnd();
    }

    static Path of(Path gzFile) {
        return DayFile.beside(gzFile, SUFFIX);
    }

    static void delete(Path gzFile) throws IOException {
        Files.deleteIfExists(of(gzFile));
    }

    /** The index of the member holding plain offset {@code pos} (the last one for the end), or -1 before the start. */
    int memberAt(long pos) {
        int lo = 0;
        int hi = members.size() - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (members.get(mid).plainOffset <= pos) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return members.isEmpty() || members.get(lo).plainOffset > pos ? -1 : lo;
    }

    // ---- reading

    /** The map of a gzipped day if it is there and fits the file, else null (never trusted otherwise). */
    static GzMap read(Path gzFile) throws IOException {
        byte[] b;
        try {
            b = Files.readAllBytes(of(gzFile));
        } catch (NoSuchFileException e) {
            return null;
        }
        try (FileChannel gz = FileChannel.open(gzFile, StandardOpenOption.READ)) {
            return parse(b, gz.size(), tail(gz));
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    private static GzMap parse(byte[] b, long gzSize, long gzTail) {
        if (b.length < HEADER + 4 || (b.length - HEADER - 4) % MEMBER != 0
                || !Arrays.equals(b, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            return null;
        }
        CRC32C crc = new CRC32C();
        crc.update(b, 0, b.length - 4);
        ByteBuffer bb = ByteBuffer.wrap(b);
        if ((int) crc.getValue() != bb.getInt(b.length - 4) || bb.getLong(8) != gzSize || bb.getLong(16) != gzTail) {
            return null;
        }
        long plain = bb.getLong(24);
        long n = bb.getInt(32) & 0xFFFFFFFFL;
        if (n != (b.length - HEADER - 4) / MEMBER) {
            return null;
        }
        List<Member> members = new ArrayList<>((int) n);
        long comp = 0;
        long plainAt = 0;
        for (int i = 0; i < n; i++) {
            int at = HEADER + i * MEMBER;
            Member m = new Member(bb.getLong(at), bb.getLong(at + 8), bb.getLong(at + 16), bb.getLong(at + 24),
                    bb.getLong(at + 32), bb.getLong(at + 40), bb.getInt(at + 48), bb.getInt(at + 52), bb.getInt(at + 56));
            if (m.compOffset != comp || m.plainOffset != plainAt || m.compLength <= 0 || m.plainLength < 0) {
                return null;
            }
            comp += m.compLength;
            plainAt += m.plainLength;
            members.add(m);
        }
        return comp == gzSize && plainAt == plain ? new GzMap(members) : null;
    }

    /** The last 8 bytes of a gz file (its last member's CRC-32 and length), as a long; 0 for a shorter file. */
    private static long tail(FileChannel gz) throws IOException {
        long size = gz.size();
        if (size < 8) {
            return 0;
        }
        ByteBuffer t = ByteBuffer.allocate(8);
        while (t.hasRemaining() && gz.read(t, size - 8 + t.position()) >= 0) {
            // read on
        }
        return t.getLong(0);
    }

    // ---- writing

    /** Writes the map of a gz file (atomically, mode 0600). */
    static void write(Path gzFile, List<Member> members) throws IOException {
        long gzSize;
        long gzTail;
        try (FileChannel gz = FileChannel.open(gzFile, StandardOpenOption.READ)) {
            gzSize = gz.size();
            gzTail = tail(gz);
        }
        ByteBuffer bb = ByteBuffer.allocate(HEADER + members.size() * MEMBER + 4);
        bb.put(MAGIC).putLong(gzSize).putLong(gzTail)
                .putLong(members.isEmpty() ? 0 : members.get(members.size() - 1).plainEnd()).putInt(members.size());
        bb.position(HEADER);
        for (Member m : members) {
            bb.putLong(m.compOffset).putLong(m.compLength).putLong(m.plainOffset).putLong(m.plainLength)
                    .putLong(m.firstSeq).putLong(m.lastSeq).putInt(m.lines).putInt(m.minMinute).putInt(m.maxMinute);
        }
        CRC32C crc = new CRC32C();
        crc.update(bb.array(), 0, bb.position());
        bb.putInt((int) crc.getValue());
        AtomicFiles.write(of(gzFile), bb.array(), PosixFilePermissions.fromString("rw-------"), true);
    }

    /**
     * Gzips {@code plain} to {@code out} as one member per block of whole lines (the last may end without a newline,
     * as the file did); returns the members written.
     */
    static List<Member> compress(InputStream plain, OutputStream out) throws IOException {
        Writer w = new Writer(out);
        byte[] buf = new byte[LineSource.BLOCK];
        try (LineSource src = new LineSource(plain)) {
            int len;
            while ((len = src.nextBlock(buf)) >= 0) {
                byte[] b = src.block;
                buf = b;
                int from = 0;
                for (int ls = 0; ls < len; ) {
                    int le = LineSource.newline(b, ls, len);
                    if (le < len) {
                        w.line(b, ls, le);
                    }
                    ls = le + 1;
                    if (w.plainLength + (ls - from) >= block || ls >= len) {
                        w.feed(b, from, Math.min(ls, len));
                        from = Math.min(ls, len);
                        if (w.plainLength >= block) {
                            w.end();
                        }
                    }
                }
            }
            if (w.plainLength > 0) {
                w.end();
            }
        } finally {
            w.deflater.end();
        }
        return w.members;
    }

    /** Writes gzip members one after the other (RFC 1952: a 10-byte header, raw deflate, CRC-32 and length). */
    private static final class Writer {
        private static final byte[] GZ_HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 255};
        final OutputStream out;
        final Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        final CRC32 crc = new CRC32();
        final byte[] chunk = new byte[1 << 16];
        final List<Member> members = new ArrayList<>();
        long comp;
        long memberStart;
        long plainAt;
        long plainLength;
        long firstSeq = -1;
        long lastSeq = -1;
        int lines;
        int min = ANY_MAX;
        int max = ANY_MIN;
        boolean started;

        Writer(OutputStream out) {
            this.out = out;
        }

        /** Notes a line {@code b[s, e)} of the current member (without its newline). */
        void line(byte[] b, int s, int e) {
            long seq = AuditIndex.seqOf(b, s, e);
            if (!started) {
                firstSeq = seq;
            }
            lastSeq = seq;
            lines++;
            int minute = minute(b, s, e);
            min = minute == AuditIndex.NO_MINUTE ? ANY_MIN : Math.min(min, minute);
            max = minute == AuditIndex.NO_MINUTE ? ANY_MAX : Math.max(max, minute);
            if (min == ANY_MIN) {
                max = ANY_MAX;
            }
            started = true;
        }

        void feed(byte[] b, int s, int e) throws IOException {
            if (plainLength == 0) {
                out.write(GZ_HEADER);
                memberStart = comp;
                comp += GZ_HEADER.length;
            }
            crc.update(b, s, e - s);
            deflater.setInput(b, s, e - s);
            while (!deflater.needsInput()) {
                drain(Deflater.NO_FLUSH);
            }
            plainLength += e - s;
        }

        private void drain(int flush) throws IOException {
            int n = deflater.deflate(chunk, 0, chunk.length, flush);
            out.write(chunk, 0, n);
            comp += n;
        }

        void end() throws IOException {
            deflater.finish();
            while (!deflater.finished()) {
                drain(Deflater.NO_FLUSH);
            }
            ByteBuffer t = ByteBuffer.allocate(8).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            t.putInt((int) crc.getValue()).putInt((int) plainLength);
            out.write(t.array());
            comp += 8;
            members.add(new Member(memberStart, comp - memberStart, plainAt, plainLength, firstSeq, lastSeq, lines,
                    lines == 0 ? ANY_MIN : min, lines == 0 ? ANY_MAX : max));
            plainAt += plainLength;
            plainLength = 0;
            lines = 0;
            started = false;
            firstSeq = -1;
            lastSeq = -1;
            min = ANY_MAX;
            max = ANY_MIN;
            deflater.reset();
            crc.reset();
        }
    }

    /** Epoch minutes of a line's {@code timestamp} (UTC, as p21mon writes it), or NO_MINUTE. */
    static int minute(byte[] b, int s, int e) {
        int v = AuditQuery.indexOf(b, s, e, TIMESTAMP);
        if (v < 0) {
            return AuditIndex.NO_MINUTE;
        }
        v += TIMESTAMP.length;
        int q = v;
        while (q < e && b[q] != '"' && b[q] != '\\') {
            q++;
        }
        if (q >= e || b[q] != '"' || q - v < 20 || b[q - 1] != 'Z') {
            return AuditIndex.NO_MINUTE;
        }
        Instant t = Timestamps.parseUtc(new String(b, v, q - v, StandardCharsets.US_ASCII));
        return t == null ? AuditIndex.NO_MINUTE : (int) Math.floorDiv(t.getEpochSecond(), 60);
    }

    // ---- rebuilding (verify)

    /**
     * Rebuilds the map of a gz file from its members as they are (a day gzipped by an older p21mon is one member);
     * the minutes are not re-derived (every member matches every window). Returns false, writing nothing, if the file
     * is not a gzip stream this can walk.
     */
    static boolean rebuild(Path gzFile) throws IOException {
        List<Member> members = new ArrayList<>();
        try (FileChannel ch = FileChannel.open(gzFile, StandardOpenOption.READ)) {
            long size = ch.size();
            long pos = 0;
            long plainAt = 0;
            Inflater inf = new Inflater(true);
            ByteBuffer in = ByteBuffer.allocate(1 << 16);
            byte[] out = new byte[1 << 16];
            byte[] head = new byte[32];
            boolean lineStart = true;
            try {
                while (pos < size) {
                    int hdr = headerLength(ch, pos);
                    if (hdr < 0) {
                        return false;
                    }
                    inf.reset();
                    long inPos = pos + hdr;
                    long plainLen = 0;
                    long lines = 0;
                    int headLen = 0;
                    boolean startsLine = lineStart;
                    long lastNl = -1;
                    byte[] cur = new byte[32]; // the first bytes of the line being read, then of the last complete one
                    byte[] done = new byte[32];
                    int curLen = 0;
                    int doneLen = 0;
                    while (!inf.finished()) {
                        if (inf.needsInput()) {
                            in.clear();
                            int n = ch.read(in, inPos);
                            if (n <= 0) {
                                return false;
                            }
                            inPos += n;
                            inf.setInput(in.array(), 0, n);
                        }
                        int k;
                        try {
                            k = inf.inflate(out);
                        } catch (java.util.zip.DataFormatException e) {
                            return false;
                        }
                        if (k == 0 && (inf.needsDictionary() || inf.needsInput() && inPos >= size)) {
                            return false;
                        }
                        for (int i = 0; i < k; i++) {
                            if (headLen < head.length && plainLen + i < head.length) {
                                head[headLen++] = out[i];
                            }
                            if (out[i] == '\n') {
                                lines++;
                                lastNl = plainLen + i;
                                byte[] t = done;
                                done = cur;
                                cur = t;
                                doneLen = curLen;
                                curLen = 0;
                            } else if (curLen < cur.length) {
                                cur[curLen++] = out[i];
                            }
                        }
                        plainLen += k;
                    }
                    long compEnd = inPos - inf.getRemaining() + 8;
                    if (compEnd > size) {
                        return false;
                    }
                    long first = startsLine && headLen > 0 ? AuditIndex.seqOf(head, 0, headLen) : -1;
                    long last = lines > 0 && lastNl == plainLen - 1 && (lines > 1 || startsLine)
                            ? AuditIndex.seqOf(done, 0, doneLen) : -1;
                    members.add(new Member(pos, compEnd - pos, plainAt, plainLen, first, last,
                            (int) Math.min(Integer.MAX_VALUE, lines), ANY_MIN, ANY_MAX));
                    lineStart = plainLen == 0 ? lineStart : lastNl == plainLen - 1;
                    plainAt += plainLen;
                    pos = compEnd;
                }
            } finally {
                inf.end();
            }
        }
        write(gzFile, members);
        return true;
    }

    /** The length of the gzip member header at {@code pos} (RFC 1952, optional fields included), or -1. */
    static int headerLength(FileChannel ch, long pos) throws IOException {
        ByteBuffer h = ByteBuffer.allocate(10);
        if (ch.read(h, pos) < 10 || h.get(0) != 0x1f || h.get(1) != (byte) 0x8b || h.get(2) != 8) {
            return -1;
        }
        int flg = h.get(3);
        long at = pos + 10;
        if ((flg & 4) != 0) {
            ByteBuffer x = ByteBuffer.allocate(2).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            if (ch.read(x, at) < 2) {
                return -1;
            }
            at += 2 + (x.getShort(0) & 0xFFFF);
        }
        for (int bit : new int[]{8, 16}) {
            if ((flg & bit) != 0) {
                ByteBuffer one = ByteBuffer.allocate(1);
                do {
                    one.clear();
                    if (ch.read(one, at++) < 1) {
                        return -1;
                    }
                } while (one.get(0) != 0);
            }
        }
        if ((flg & 2) != 0) {
            at += 2;
        }
        return (int) (at - pos);
    }
}
