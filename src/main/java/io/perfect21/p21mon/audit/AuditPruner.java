package io.perfect21.p21mon.audit;

import io.perfect21.p21mon.P21monException;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Retention: removes whole day files older than the cut-off (never the newest file, which is appended to), after
 * writing where the chain was cut ({@code .pruned.json}) so the rest still verifies; then gzips closed days older
 * than {@code audit.compress_after}. Runs under the store's lock.
 */
public final class AuditPruner {
    private final AuditStore store;

    public AuditPruner(AuditStore store) {
        this.store = store;
    }

    public PruneReport prune(Duration olderThan, Duration compressAfter, boolean dryRun) {
        return prune(olderThan, compressAfter, dryRun, AuditProgress.NONE);
    }

    /**
     * {@link #prune(Duration, Duration, boolean)}, telling {@code progress} the records read to find where the chain
     * is cut, and the bytes of the files removed and compressed (against the bytes of all closed files).
     */
    public PruneReport prune(Duration olderThan, Duration compressAfter, boolean dryRun, AuditProgress progress) {
        try {
            return run(olderThan, compressAfter, dryRun, progress);
        } finally {
            progress.done();
        }
    }

    private PruneReport run(Duration olderThan, Duration compressAfter, boolean dryRun, AuditProgress progress) {
        LocalDate cutoff = Timestamps.utcDay(store.clock().instant().minus(olderThan));
        return store.locked(() -> {
            List<DayFile> files = store.files();
            List<DayFile> doomed = new ArrayList<>();
            for (int i = 0; i < files.size() - 1; i++) {
                if (files.get(i).day().isBefore(cutoff)) {
                    doomed.add(files.get(i));
                }
            }
            long closed = 0;
            for (int i = 0; i < files.size() - 1; i++) {
                closed += Files.size(files.get(i).path());
            }
            long total = closed;
            long[] done = new long[2]; // records read, bytes handled
            List<String> removed = new ArrayList<>();
            long bytes = 0;
            long lastSeq = 0;
            if (!doomed.isEmpty()) {
                DayFile lastDoomed = doomed.get(doomed.size() - 1);
                long[] seq = new long[1];
                String[] hash = new String[1];
                lastOf(lastDoomed, seq, hash, lines -> progress.update(done[0] = lines, done[1], total));
                lastSeq = seq[0];
                if (!dryRun && hash[0] != null) {
                    new PrunedMark(seq[0], hash[0], lastDoomed.name()).write(store.dir());
                }
                for (DayFile f : doomed) {
                    removed.add(f.name());
                    long size = Files.size(f.path());
                    bytes += size;
                    done[1] += size;
                    progress.update(done[0], done[1], total);
                    if (!dryRun) {
                        Files.delete(f.path());
                        Files.deleteIfExists(f.path().resolveSibling(f.name() + ".torn"));
                        AuditIndex.delete(f.path());
                    }
                }
            }
            List<String> compressed = new ArrayList<>();
            if (compressAfter != null && !dryRun) {
                store.compress(compressAfter, size -> progress.update(done[0], done[1] += size, total)).forEach(p -> compressed.add(p.getFileName().toString()));
            }
            return new PruneReport(cutoff.toString(), dryRun, removed, bytes, lastSeq, compressed);
        });
    }

    private static void lastOf(DayFile f, long[] seq, String[] hash, java.util.function.LongConsumer lines)
            throws IOException {
        LineScanner sc = new LineScanner();
        try (LineSource r = new LineSource(f.open())) {
            while (r.next()) {
                if ((r.lineNo & 4095) == 0) {
                    lines.accept(r.lineNo);
                }
                if (r.terminated && sc.scan(r.buf, r.start, r.end)) {
                    int si = sc.find(AuditField.SEQ.bytes);
                    int hi = sc.find(AuditField.HASH.bytes);
                    if (si >= 0 && hi >= 0) {
                        seq[0] = sc.longValue(si);
                        hash[0] = sc.plainString(hi);
                    }
                }
            }
        } catch (IOException e) {
            throw P21monException.failed("cannot read " + f.path() + ": " + e.getMessage(), e);
        }
    }
}
