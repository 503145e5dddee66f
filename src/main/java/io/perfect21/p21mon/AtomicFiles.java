package io.perfect21.p21mon;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Writes a whole file so that readers see the old content or the new, never a part: a temporary file in the same
 * directory, flushed to disk, then renamed over the target. A crash leaves at most a stray {@code .*.tmp} file.
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /** Replaces (or creates) the file with the text, mode 0644. */
    public static void write(Path target, String text) {
        write(target, text.getBytes(StandardCharsets.UTF_8), PosixFilePermissions.fromString("rw-r--r--"), true);
    }

    /**
     * Writes the bytes to the target atomically with the given permissions.
     *
     * @param replace whether an existing file may be replaced; if not, an existing target is a usage error
     */
    public static void write(Path target, byte[] bytes, Set<PosixFilePermission> permissions, boolean replace) {
        write(target, permissions, replace, out -> out.write(bytes));
    }

    /** What goes into the file, written to a stream that {@link #write(Path, Set, boolean, Content)} then syncs. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Streams content into the target atomically with the given permissions: for files too large to hold in memory
     * (an audit export, a gzipped day).
     *
     * @param replace whether an existing file may be replaced; if not, an existing target is a usage error
     */
    public static void write(Path target, Set<PosixFilePermission> permissions, boolean replace, Content content) {
        Path dir = target.toAbsolutePath().getParent();
        if (!replace && Files.exists(target)) {
            throw P21monException.usage(target + " exists; give --force to overwrite it");
        }
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                OutputStream out = new BufferedOutputStream(Channels.newOutputStream(ch), 1 << 16);
                content.writeTo(out);
                out.flush();
                ch.force(true);
            }
            try {
                Files.setPosixFilePermissions(tmp, permissions);
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system: keep its default permissions
            }
            if (!replace) {
                // a plain link fails if the target appeared meanwhile, where a rename would replace it
                try {
                    Files.createLink(target, tmp);
                    return;
                } catch (FileAlreadyExistsException e) {
                    throw P21monException.usage(target + " exists; give --force to overwrite it");
                } catch (UnsupportedOperationException | IOException e) {
                    // no hard links here: fall back to the rename below
                }
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
        } catch (IOException e) {
            throw P21monException.failed("cannot write " + target + ": " + IoErrors.describe(target, e), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // best effort: a stray temp file is harmless
                }
            }
        }
    }
}
