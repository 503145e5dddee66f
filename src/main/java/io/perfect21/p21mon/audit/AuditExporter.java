package io.perfect21.p21mon.audit;

import io.perfect21.p21mon.P21monException;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/** Writes the selected records as JSON lines, streaming; to a file through a temporary file renamed into place. */
public final class AuditExporter {
    private final AuditStore store;

    public AuditExporter(AuditStore store) {
        this.store = store;
    }

    /** Exports to {@code file}, or to {@code stdout} when file is null; returns the number of records. */
    public long export(AuditFilter filter, boolean chain, Path file, Writer stdout) {
        long[] n = new long[1];
        if (file == null) {
            new AuditQuery(store).run(filter, null, 0, false, () -> true, r -> {
                stdout.write(AuditJson.line(r, chain));
                stdout.write('\n');
                n[0]++;
            });
            try {
                stdout.flush();
            } catch (IOException e) {
                throw P21monException.failed("cannot write output: " + e.getMessage(), e);
            }
            return n[0];
        }
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, "." + file.getFileName() + ".", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                new AuditQuery(store).run(filter, null, 0, false, () -> true, r -> {
                    w.write(AuditJson.line(r, chain));
                    w.write('\n');
                    n[0]++;
                });
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            tmp = null;
            return n[0];
        } catch (IOException e) {
            throw P21monException.failed("cannot write " + file + ": " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // best effort
                }
            }
        }
    }
}
