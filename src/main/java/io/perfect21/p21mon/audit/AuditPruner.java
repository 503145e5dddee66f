package io.perfect21.p21mon.audit;

import io.perfect21.p21mon.IoErrors;
import io.perfect21.p21mon.AtomicFiles;
import io.perfect21.p21mon.P21monException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * Retention: removes whole day files older than the cut-off (never the newest file, which is appended to), after
 * writing where the chain was cut ({@code .pruned.json}) so the rest still verifies; then gzips closed days older
 * than {@code audit.compress_after} (multi-member gzip with a block map; the index goes with the day). Deleting a day
 * deletes its sidecars ({@code .idx}, {@code .pst}, {@code .map}, {@code .torn}). Runs under the store's lock.
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
                ChainHead.Head cut = lastOf(lastDoomed, lines -> progress.update(done[0] = lines, done[1], total));
                lastSeq = cut == null ? 0 : cut.seq();
                if (!dryRun && cut != null && cut.hash() != null) {
                    new PrunedMark(cut.seq(), cut.hash(), lastDoomed.name()).write(store.dir());
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
                        GzMap.delete(f.path());
                    }
                }
            }
            List<String> compressed = new ArrayList<>();
            if (compressAfter != null && !dryRun) {
                compress(store, compressAfter, size -> progress.update(done[0], done[1] += size, total)).forEach(p -> compressed.add(p.getFileName().toString()));
            }
            return new PruneReport(cutoff.toString(), dryRun, removed, bytes, lastSeq, compressed);
        });
    }

    private static void moveSidecar(Path from, Path to) throws IOException {
        if (Files.exists(from)) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } else {
            Files.deleteIfExists(to); // left by an earlier compression cut short: not this file's
        }
    }

    /** The seq and hash (null if not plain) of the last complete line with both, or null. */
    private static ChainHead.Head lastOf(DayFile f, java.util.function.LongConsumer lines) {
        LineScanner sc = new LineScanner();
        ChainHead.Head last = null;
        try (LineSource r = new LineSource(f.open())) {
            while (r.next()) {
                if ((r.lineNo & 4095) == 0) {
                    lines.accept(r.lineNo);
                }
                int si;
                int hi;
                if (r.terminated && sc.scan(r.buf, r.start, r.end) && (si = sc.find(AuditField.SEQ.bytes)) >= 0
                        && (hi = sc.find(AuditField.HASH.bytes)) >= 0) {
                    last = new ChainHead.Head(f.path(), f.day(), 0, sc.longValue(si), sc.plainString(hi));
                }
            }
            return last;
        } catch (IOException e) {
            throw P21monException.failed("cannot read " + f.path() + ": " + IoErrors.describe(f.path(), e), e);
        }
    }

    /**
     * Gzips closed day files older than the given age (never the newest: it is the one appended to) as one gzip
     * member per block of lines, with a {@link GzMap} beside; their index and postings move with them (their offsets
     * are plain offsets, which the map turns into members). Tells {@code compressed} the size of each file once it is
     * gzipped. Returns the files written. Call under the store's lock.
     */
    static List<Path> compress(AuditStore store, Duration olderThan, LongConsumer compressed) throws IOException {
        List<DayFile> files = store.files();
        LocalDate cutoff = Timestamps.utcDay(store.clock().instant().minus(olderThan));
        List<Path> done = new ArrayList<>();
        for (int i = 0; i < files.size() - 1; i++) {
            DayFile f = files.get(i);
            if (f.gzip() || !f.day().isBefore(cutoff)) {
                continue;
            }
            Path gz = f.path().resolveSibling(f.name() + ".gz");
            if (store.indexed() && !AuditIndex.consistent(f.path())) {
                AuditIndex.rebuild(f.path()); // the entries go with the day: they must fit it
            }
            List<List<GzMap.Member>> members = new ArrayList<>(1);
            AtomicFiles.write(gz, PosixFilePermissions.fromString("rw-------"), true, raw -> {
                try (InputStream in = Files.newInputStream(f.path())) {
                    members.add(GzMap.compress(in, raw));
                }
            });
            GzMap.write(gz, members.get(0));
            moveSidecar(AuditIndex.of(f.path()), AuditIndex.of(gz));
            moveSidecar(AuditPostings.of(f.path()), AuditPostings.of(gz));
            long size = Files.size(f.path());
            Files.delete(f.path());
            AuditIndex.delete(f.path());
            done.add(gz);
            compressed.accept(size);
        }
        if (!done.isEmpty()) {
            DayAppender.syncDir(store.dir());
        }
        return done;
    }
}
