package io.perfect21.p21mon.audit;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The plain bytes of a day by position, whether the day is a plain file or gzipped in blocks ({@link GzDay}, through
 * its {@link GzMap}): what the index's offsets point into. Reads go forward in the common case (candidate lines in
 * file order); a gzipped day inflates only the blocks they fall in.
 */
interface DayBytes extends Closeable {
    /** The length of the day's plain text. */
    long size() throws IOException;

    /** Reads bytes from {@code position} into {@code dst}; returns how many, or -1 at the end. */
    int read(ByteBuffer dst, long position) throws IOException;

    /** Whether a complete line of {@code length} bytes (then a newline) starts at {@code offset} and carries {@code seq}. */
    default boolean lineAt(long offset, int length, long seq) throws IOException {
        if (length >= 0xFFFFFF || offset + length + 1 > size()) {
            return false;
        }
        ByteBuffer line = ByteBuffer.allocate(length + 2);
        long from = offset == 0 ? 0 : offset - 1; // the byte before must end the line before
        while (line.position() < (int) (offset - from) + length + 1) {
            if (read(line, from + line.position()) < 0) {
                return false;
            }
        }
        byte[] b = line.array();
        int s = (int) (offset - from);
        return b[s + length] == '\n' && (s == 0 || b[0] == '\n') && AuditIndex.seqOf(b, s, s + length) == seq;
    }

    /**
     * Opens a day's plain bytes: a plain file as it is, a gzipped one through its block map; null if the file is gone
     * or a gzipped day has no map that can be trusted (it is then read whole, from the start).
     */
    static DayBytes open(Path dataFile) throws IOException {
        if (dataFile.getFileName().toString().endsWith(".gz")) {
            return GzDay.open(dataFile);
        }
        try {
            return new Plain(FileChannel.open(dataFile, StandardOpenOption.READ));
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /** A plain day file. */
    record Plain(FileChannel ch) implements DayBytes {
        @Override
        public long size() throws IOException {
            return ch.size();
        }

        @Override
        public int read(ByteBuffer dst, long position) throws IOException {
            return ch.read(dst, position);
        }

        @Override
        public void close() throws IOException {
            ch.close();
        }
    }
}
