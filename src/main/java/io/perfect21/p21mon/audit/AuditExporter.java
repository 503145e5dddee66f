package io.perfect21.p21mon.audit;

import io.perfect21.p21mon.IoErrors;
import io.perfect21.p21mon.AtomicFiles;
import io.perfect21.p21mon.P21monException;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Writes the selected records as JSON lines, streaming; to a file through a temporary file renamed into place. */
public final class AuditExporter {
    private final AuditStore store;

    public AuditExporter(AuditStore store) {
        this.store = store;
    }

    /** Records between two {@link AuditProgress} updates. */
    static final int PROGRESS_EVERY = 4096;

    /** Exports to {@code file}, or to {@code stdout} when file is null; returns the number of records. */
    public long export(AuditFilter filter, boolean chain, Path file, Writer stdout) {
        return export(filter, chain, file, stdout, AuditProgress.NONE);
    }

    /** {@link #export(AuditFilter, boolean, Path, Writer)}, telling {@code progress} every few thousand records. */
    public long export(AuditFilter filter, boolean chain, Path file, Writer stdout, AuditProgress progress) {
        try {
            return write(filter, chain, file, stdout, progress);
        } finally {
            progress.done();
        }
    }

    private long write(AuditFilter filter, boolean chain, Path file, Writer stdout, AuditProgress progress) {
        long[] n = new long[2]; // records, characters written
        if (file == null) {
            new AuditQuery(store).run(AuditQuery.Request.of(filter), r -> {
                String line = AuditJson.line(r, chain);
                stdout.write(line);
                stdout.write('\n');
                counted(n, line, progress);
            });
            try {
                stdout.flush();
            } catch (IOException e) {
                throw P21monException.failed("cannot write output: " + IoErrors.describe(e), e);
            }
            return n[0];
        }
        AtomicFiles.write(file, PosixFilePermissions.fromString("rw-------"), true, out -> {
            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            new AuditQuery(store).run(AuditQuery.Request.of(filter), r -> {
                String line = AuditJson.line(r, chain);
                w.write(line);
                w.write('\n');
                counted(n, line, progress);
            });
            w.flush();
        });
        return n[0];
    }

    private static void counted(long[] n, String line, AuditProgress progress) {
        n[0]++;
        n[1] += line.length() + 1;
        if (n[0] % PROGRESS_EVERY == 0) {
            progress.update(n[0], n[1], -1);
        }
    }
}
