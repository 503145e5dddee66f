package io.perfect21.p21mon;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A lock file that serialises a piece of work across processes and threads: an exclusive {@link FileChannel#lock()}
 * for other processes, and first a lock per file inside this JVM (a file lock is held by the whole JVM, so it does not
 * keep this JVM's threads apart). The audit store and the notifier's spool use it.
 */
public final class FileLocks {
    private static final Map<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();

    private FileLocks() {
    }

    /** Work done holding the lock. */
    @FunctionalInterface
    public interface Body<T> {
        T run() throws IOException;
    }

    /** Runs the body holding {@code lockFile} (created if missing; its directory must exist). */
    public static <T> T locked(Path lockFile, Body<T> body) throws IOException {
        ReentrantLock local = IN_PROCESS.computeIfAbsent(lockFile.toAbsolutePath(), p -> new ReentrantLock());
        local.lock();
        try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            FileLock lock = ch.lock();
            try {
                return body.run();
            } finally {
                lock.release();
            }
        } finally {
            local.unlock();
        }
    }
}
