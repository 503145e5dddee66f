package io.perfect21.p21mon.audit;

import io.perfect21.p21mon.IoErrors;
import io.perfect21.p21mon.FileLocks;
import io.perfect21.p21mon.P21monException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The store's lock, which serialises every change to the directory: {@link FileLocks} on {@code DIR/.lock} (for
 * other processes and this JVM's threads). Creates the directory (0700) on
 * first use.
 */
final class StoreLock {
    static final String FILE = ".lock";
    private final Path dir;

    StoreLock(Path dir) {
        this.dir = dir;
    }

    /** Runs the body holding the lock (this JVM's and the file lock other processes honour). */
    <T> T locked(FileLocks.Body<T> body) {
        ensureDir();
        try {
            return FileLocks.locked(dir.resolve(FILE), body);
        } catch (IOException e) {
            throw P21monException.failed("audit store " + dir + ": " + IoErrors.describe(dir, e), e);
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
            throw P21monException.failed("cannot create audit directory " + dir + ": " + IoErrors.describe(dir, e), e);
        }
    }
}
