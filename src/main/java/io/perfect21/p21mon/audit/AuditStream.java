package io.perfect21.p21mon.audit;

import io.perfect21.p21mon.IoErrors;
import io.perfect21.p21mon.AtomicFiles;
import io.perfect21.p21mon.P21monException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDate;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The result of {@code audit query}: not a list but a run of the query engine, consumed once by a renderer as the
 * records stream, so memory stays flat. With a checkpoint file, only records after the one it names are read, and
 * the file is rewritten (atomically) with the last seq read once the run completes.
 */
public final class AuditStream {
    private static final Pattern DAY = Pattern.compile("audit-(\\d{4}-\\d{2}-\\d{2})");
    private final AuditStore store;
    private final AuditFilter filter;
    private final int limit;
    private final boolean follow;
    private final Path checkpoint;
    private final BooleanSupplier stop;
    private String lokiUrl;

    public AuditStream(AuditStore store, AuditFilter filter, int limit, boolean follow, Path checkpoint,
                       BooleanSupplier stop) {
        this.store = store;
        this.filter = filter;
        this.limit = limit;
        this.follow = follow;
        this.checkpoint = checkpoint;
        this.stop = stop;
    }

    /** Reads from Loki (LogQL) instead of the local files. */
    public AuditStream fromLoki(String url) {
        this.lokiUrl = url;
        return this;
    }

    public boolean follow() {
        return follow;
    }

    /** Runs the query, handing each record to the sink, then saves the checkpoint. */
    public void forEach(AuditSink sink) {
        if (lokiUrl != null) {
            try {
                new LokiReader(lokiUrl, store.clock()).run(filter, limit, sink);
            } catch (IOException e) {
                throw P21monException.failed("cannot write output: " + IoErrors.describe(e), e);
            }
            return;
        }
        long after = 0;
        LocalDate fromDay = null;
        if (checkpoint != null) {
            Map<String, Object> cp = readCheckpoint(checkpoint);
            if (cp != null) {
                after = ((Number) cp.get("seq")).longValue();
                Matcher m = DAY.matcher(String.valueOf(cp.get("file")));
                fromDay = m.find() ? LocalDate.parse(m.group(1)) : null;
            }
        }
        AuditQuery q = new AuditQuery(store);
        AuditFilter f = after > 0 ? filter.afterSeq(after) : filter;
        q.run(new AuditQuery.Request(f, fromDay, limit, follow, stop), sink);
        if (checkpoint != null && q.lastSeq() > after) {
            ByteBuf b = new ByteBuf(128);
            Jcs.object(b, Map.of("seq", q.lastSeq(), "file", q.lastFile() == null ? "" : q.lastFile()));
            b.put((byte) '\n');
            AtomicFiles.write(checkpoint, b.toArray(), PosixFilePermissions.fromString("rw-------"), true);
        }
    }

    private static Map<String, Object> readCheckpoint(Path p) {
        try {
            byte[] b = Files.readAllBytes(p);
            if (new String(b, StandardCharsets.UTF_8).isBlank()) {
                return null;
            }
            Map<String, Object> m = RecordCodec.parseObject(b, 0, b.length);
            if (!(m.get("seq") instanceof Number)) {
                throw new RecordCodec.BadRecord("no seq", false);
            }
            return m;
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException | RecordCodec.BadRecord e) {
            throw P21monException.usage("--checkpoint " + p + " is not a p21mon checkpoint (" + IoErrors.describe(p, e)
                    + "); delete it to start over");
        }
    }
}
