package io.perfect21.p21mon.audit;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.function.Consumer;

/**
 * Torn-line repair: a last line left without its newline by a crash (an append cut short) is moved to
 * {@code FILE.torn} and cut off the day file before the next append, so the chain goes on. Call under the lock.
 */
final class TornLine {
    private TornLine() {
    }

    /** Moves the bytes after the last newline to FILE.torn and cuts them off; returns the new size. */
    static long repair(Path file, RandomAccessFile raf, long size, Consumer<String> warnings) throws IOException {
        long pos = size;
        byte[] chunk = new byte[1 << 16];
        long lastNl = -1;
        while (pos > 0 && lastNl < 0) {
            int n = (int) Math.min(chunk.length, pos);
            pos -= n;
            raf.seek(pos);
            raf.readFully(chunk, 0, n);
            int i = LineSource.lastNewline(chunk, 0, n);
            lastNl = i < 0 ? -1 : pos + i;
        }
        long keep = lastNl + 1;
        byte[] torn = new byte[(int) Math.min(size - keep, 1 << 24)];
        raf.seek(keep);
        raf.readFully(torn);
        Path side = DayFile.beside(file, ".torn");
        try (FileChannel t = FileChannel.open(side, EnumSet.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))) {
            ByteBuffer bb = ByteBuffer.allocate(torn.length + 1).put(torn).put((byte) '\n').flip();
            while (bb.hasRemaining()) {
                t.write(bb);
            }
            t.force(false);
        }
        raf.setLength(keep);
        raf.getFD().sync();
        warnings.accept("repaired a torn last line of " + file + " (an append cut short by a crash): "
                + (size - keep) + " bytes kept in " + side.getFileName());
        return keep;
    }
}
