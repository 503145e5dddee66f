package io.perfect21.p21mon.audit;

import io.perfect21.p21mon.IoErrors;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;

/**
 * The durable append: whole lines onto the end of a day file (created 0600), on disk (fdatasync) before it returns;
 * a failed write (disk full) is cut back, never leaving half a record. Call under the store's lock.
 */
final class DayAppender {
    private DayAppender() {
    }

    /** What an append did: where the file ended before it, and whether it created the file. */
    record Appended(long before, boolean created) {
    }

    /** Appends {@code buf} to the file durably; a failed write is cut back and thrown. */
    static Appended append(Path file, ByteBuf buf) throws IOException {
        boolean created = false;
        FileChannel ch;
        try {
            ch = FileChannel.open(file, EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            created = true;
        } catch (FileAlreadyExistsException e) {
            ch = FileChannel.open(file, StandardOpenOption.WRITE);
        }
        try (FileChannel c = ch) {
            long before = c.size();
            try {
                c.position(before);
                ByteBuffer bb = ByteBuffer.wrap(buf.bytes, 0, buf.length);
                while (bb.hasRemaining()) {
                    c.write(bb);
                }
                c.force(false);
            } catch (IOException e) {
                try {
                    c.truncate(before);
                    c.force(false);
                } catch (IOException cut) {
                    e.addSuppressed(cut);
                }
                if (created && before == 0) {
                    Files.deleteIfExists(file);
                }
                throw new IOException("cannot append to " + file + ": " + IoErrors.describe(file, e)
                        + " (nothing was written; the chain is unchanged)", e);
            }
            return new Appended(before, created);
        }
    }

    /** Makes a new file's directory entry durable (where the file system can sync a directory). */
    static void syncDir(Path dir) {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException e) {
            // some file systems cannot sync a directory; the file itself is synced
        }
    }
}
