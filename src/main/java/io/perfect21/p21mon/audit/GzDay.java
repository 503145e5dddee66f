package io.perfect21.p21mon.audit;

import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * A gzipped day read by plain offset through its {@link GzMap}: a read inflates from the start of the member that
 * holds it, and goes on from there while the reads go forward in the same member (candidate lines come in file
 * order); a read in a later member starts that member afresh, so the members between are never inflated.
 */
final class GzDay implements DayBytes {
    final GzMap map;
    private final FileChannel ch;
    private InputStream cursor; // inflating from the start of member cursorMember
    private int cursorMember = -1;
    private long cursorPos;     // the plain offset the cursor is at
    private final byte[] skip = new byte[1 << 16];
    /** Plain bytes inflated, and members started (for tests and figures). */
    long inflated;
    int membersStarted;

    private GzDay(FileChannel ch, GzMap map) {
        this.ch = ch;
        this.map = map;
    }

    /** The day through its map, or null if it has no map that fits it (or is gone). */
    static GzDay open(Path gzFile) throws IOException {
        GzMap map = GzMap.read(gzFile);
        if (map == null) {
            return null;
        }
        try {
            return new GzDay(FileChannel.open(gzFile, StandardOpenOption.READ), map);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /**
     * The members of the day whose minutes meet {@code [fromMinute, toMinute]}, inflated one run of neighbouring
     * members after another, as one stream (the members between are never read).
     */
    static InputStream window(Path gzFile, GzMap map, int fromMinute, int toMinute) throws IOException {
        FileChannel ch = FileChannel.open(gzFile, StandardOpenOption.READ);
        List<InputStream> runs = new ArrayList<>();
        List<GzMap.Member> ms = map.members;
        for (int i = 0; i < ms.size(); ) {
            if (!ms.get(i).inWindow(fromMinute, toMinute)) {
                i++;
                continue;
            }
            int j = i;
            while (j + 1 < ms.size() && ms.get(j + 1).inWindow(fromMinute, toMinute)) {
                j++;
            }
            GzMap.Member a = ms.get(i);
            GzMap.Member b = ms.get(j);
            runs.add(new GZIPInputStream(new Slice(ch, a.compOffset(), b.compOffset() + b.compLength()), 1 << 16));
            i = j + 1;
        }
        return new SequenceInputStream(Collections.enumeration(runs)) {
            @Override
            public void close() throws IOException {
                super.close();
                ch.close();
            }
        };
    }

    @Override
    public long size() {
        return map.plainSize;
    }

    @Override
    public int read(ByteBuffer dst, long position) throws IOException {
        if (position >= map.plainSize) {
            return -1;
        }
        int m = map.memberAt(position);
        if (cursor == null || m != cursorMember || position < cursorPos) {
            start(m);
        }
        try {
            while (cursorPos < position) {
                int n = cursor.read(skip, 0, (int) Math.min(skip.length, position - cursorPos));
                if (n < 0) {
                    return -1;
                }
                cursorPos += n;
                inflated += n;
            }
            int n = cursor.read(dst.array(), dst.arrayOffset() + dst.position(), dst.remaining());
            if (n > 0) {
                dst.position(dst.position() + n);
                cursorPos += n;
                inflated += n;
                if (cursorPos >= map.members.get(cursorMember).plainEnd()) {
                    cursorMember = map.memberAt(cursorPos); // read on into the next member
                }
            }
            return n;
        } catch (ZipException | java.io.EOFException damaged) {
            close();
            return -1; // the lookup then scans the day, and reports the damage as a scan would
        }
    }

    private void start(int m) throws IOException {
        if (cursor != null) {
            cursor.close();
        }
        GzMap.Member member = map.members.get(m);
        cursor = new GZIPInputStream(new Slice(ch, member.compOffset()), 1 << 16);
        cursorMember = m;
        cursorPos = member.plainOffset();
        membersStarted++;
    }

    /**
     * Whether an index entry names the first or last line of the day, from the map when it can say (the day's first
     * line at offset 0, or the line that ends the day, with the seq the map has for it: the map was written from
     * these lines and is checked against the file), else by reading the line.
     */
    @Override
    public boolean lineAt(long offset, int length, long seq) throws IOException {
        if (!map.members.isEmpty() && seq >= 0) {
            GzMap.Member first = map.members.get(0);
            GzMap.Member last = map.members.get(map.members.size() - 1);
            if (offset == 0 && first.firstSeq() == seq && length < first.plainLength()
                    || offset + length + 1 == map.plainSize && offset >= last.plainOffset() && last.lastSeq() == seq) {
                return true;
            }
        }
        return DayBytes.super.lineAt(offset, length, seq);
    }

    /** The plain text from {@code from} (a line start) to the end, inflating from the member that holds it. */
    InputStream from(long from) throws IOException {
        int m = map.memberAt(from);
        if (m < 0) {
            return InputStream.nullInputStream();
        }
        GzMap.Member member = map.members.get(m);
        InputStream in = new GZIPInputStream(new Slice(ch, member.compOffset()), 1 << 16);
        in.skipNBytes(from - member.plainOffset());
        return in;
    }

    @Override
    public void close() throws IOException {
        if (cursor != null) {
            cursor.close();
            cursor = null;
        }
        ch.close();
    }

    /** The gz file from an offset to its end, by position (the channel is shared; {@code available} is exact). */
    static final class Slice extends InputStream {
        private final FileChannel ch;
        private long pos;
        private final long end;

        Slice(FileChannel ch, long from) throws IOException {
            this(ch, from, ch.size());
        }

        Slice(FileChannel ch, long from, long end) {
            this.ch = ch;
            this.pos = from;
            this.end = end;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (pos >= end) {
                return -1;
            }
            int n = ch.read(ByteBuffer.wrap(b, off, (int) Math.min(len, end - pos)), pos);
            if (n > 0) {
                pos += n;
            }
            return n;
        }

        @Override
        public int available() {
            return (int) Math.min(Integer.MAX_VALUE, end - pos);
        }

        @Override
        public void close() {
            // the channel belongs to the GzDay
        }
    }
}
