package io.perfect21.p21mon.audit;

import io.perfect21.p21mon.P21monException;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The store's lock, which serialises every change to the directory: an exclusive {@link FileChannel#lock()} on
 * {@code DIR/.lock} for other processes, plus a lock per directory inside this JVM. Creates the directory (0700) on
 * first use.
 */
final class StoreLock {
    static final String FILE = ".lock";
    private static final Map<Path, ReentrantLock> JVM_LOCKS = new ConcurrentHashMap<>();
    private final Path dir;

    StoreLock(Path dir) {
        this.dir = dir;
    }

    /** A body run under the lock. */
    @FunctionalInterface
    interface IoBody<T> {
        T run() throws IOException;
    }

    /** Runs the body holding the lock (this JVM's and the file lock other processes honour). */
    <T> T locked(IoBody<T> body) {
        ensureDir();
        ReentrantLock jvm = JVM_LOCKS.computeIfAbsent(dir, d -> new ReentrantLock());
        jvm.lock();
        try (FileChannel ch = FileChannel.open(dir.resolve(FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            FileLock lock = ch.lock();
            try {
                return body.run();
            } finally {
                lock.release();
            }
        } catch (IOException e) {
            throw P21monException.failed("audit store " + dir + ": " + e.getMessage(), e);
        } finally {
            jvm.unlock();
        }
    }

    private void ensureDir() {
        if (Files.isDirectory(dir)) {
            return;
        }
        if (Files.exists(dir)) {
            throw P21monException.failed("audit directory " + dir + " is not a directory");
        }
        try {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (IOException e) {
            throw P21monException.failed("cannot create audit directory " + dir + ": " + e.getMessage(), e);
        }
    }
}
