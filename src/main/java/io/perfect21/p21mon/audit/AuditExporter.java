package io.perfect21.p21mon.audit;

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
        AtomicFiles.write(file, PosixFilePermissions.fromString("rw-------"), true, out -> {
            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            new AuditQuery(store).run(filter, null, 0, false, () -> true, r -> {
                w.write(AuditJson.line(r, chain));
                w.write('\n');
                n[0]++;
            });
            w.flush();
        });
        return n[0];
    }
}
