package io.perfect21.p21mon.audit;

import io.perfect21.p21mon.IoErrors;
import io.perfect21.p21mon.P21monException;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPInputStream;

/**
 * Appends JSON lines of events to the store, in order, chaining them as they go, in batches (one lock and one fsync per
 * batch). Reads the reference module's files as they are ({@code audit-YYYY-MM-DD-HHMMSS.jsonl[.gz]}, naive local
 * times, its 16-hex {@code checksum}, which is checked: a mismatch is imported and marked). Chain fields of the input
 * ({@code seq}, {@code prev}, {@code hash}) are dropped: the records join this store's chain.
 */
public final class AuditImporter {
    private static final int BATCH = 8192;
    private final AuditStore store;
    private final ZoneId naiveZone;

    /** @param naiveZone the zone of timestamps without an offset (the reference module writes local time) */
    public AuditImporter(AuditStore store, ZoneId naiveZone) {
        this.store = store;
        this.naiveZone = naiveZone;
    }

    /** Imports a file, a directory of reference files (and its {@code archived/}), or stdin when path is "-". */
    public ImportReport importFrom(String source, InputStream stdin) {
        return importFrom(source, stdin, AuditProgress.NONE);
    }

    /** {@link #importFrom(String, InputStream)}, telling {@code progress} after every chunk of lines. */
    public ImportReport importFrom(String source, InputStream stdin, AuditProgress progress) {
        long t0 = System.nanoTime();
        State st = new State(progress);
        List<String> names = new ArrayList<>();
        try {
            if ("-".equals(source)) {
                names.add("-");
                read("-", new CountingInputStream(stdin, st.bytes), st);
            } else {
                Path p = Path.of(source);
                if (!Files.exists(p)) {
                    throw P21monException.usage("audit import: " + source + " does not exist");
                }
                List<Path> files = Files.isDirectory(p) ? inputs(p) : List.of(p);
                st.totalBytes = 0;
                for (Path f : files) {
                    st.totalBytes += Files.size(f);
                }
                for (Path f : files) {
                    names.add(f.toString());
                    try (InputStream in = open(f, st.bytes)) {
                        read(f.toString(), in, st);
                    }
                }
            }
            st.flush();
        } catch (IOException e) {
            throw P21monException.failed("audit import: " + IoErrors.describe(e), e);
        } finally {
            progress.done();
        }
        return new ImportReport(names, st.imported, st.rejected, st.checked, st.mismatch, st.firstSeq, st.lastSeq,
                (System.nanoTime() - t0) / 1_000_000, st.problems);
    }

    private static InputStream open(Path f, AtomicLong read) throws IOException {
        InputStream in = new BufferedInputStream(new CountingInputStream(Files.newInputStream(f), read), 1 << 16);
        return f.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(in, 1 << 16) : in;
    }

    /** The reference module's files in a directory and its archived/ subdirectory, by name (= time) order. */
    static List<Path> inputs(Path dir) throws IOException {
        List<Path> out = new ArrayList<>();
        for (Path d : List.of(dir, dir.resolve("archived"))) {
            if (!Files.isDirectory(d)) {
                continue;
            }
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(d, "audit-*.jsonl*")) {
                for (Path p : ds) {
                    String n = p.getFileName().toString();
                    if (n.endsWith(".jsonl") || n.endsWith(".jsonl.gz")) {
                        out.add(p);
                    }
                }
            }
        }
        out.sort((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()));
        if (out.isEmpty()) {
            throw P21monException.usage("audit import: no audit-*.jsonl or audit-*.jsonl.gz files in " + dir);
        }
        return out;
    }

    private final class State {
        final AuditProgress progress;
        final AtomicLong bytes = new AtomicLong();
        long totalBytes = -1;
        long lines;
        final List<AuditStore.Prepared> batch = new ArrayList<>(BATCH);
        final List<String> problems = new ArrayList<>();
        long imported;
        long rejected;
        long checked;
        long mismatch;
        long firstSeq;
        long lastSeq;

        State(AuditProgress progress) {
            this.progress = progress;
        }

        void add(AuditStore.Prepared e) {
            batch.add(e);
            if (batch.size() >= BATCH) {
                flush();
            }
        }

        void flush() {
            if (batch.isEmpty()) {
                return;
            }
            List<AuditRecord> done = store.appendPrepared(batch);
            if (firstSeq == 0) {
                firstSeq = done.get(0).seq();
            }
            lastSeq = done.get(done.size() - 1).seq();
            imported += done.size();
            batch.clear();
        }

        void reject(String source, long line, String why) {
            rejected++;
            if (problems.size() < 20) {
                problems.add(source + ":" + line + ": " + why);
            }
        }
    }

    /** One block of whole input lines: split and parsed on a worker thread, consumed in order. */
    private final class Chunk implements java.util.concurrent.Callable<Chunk> {
        final String name;
        final byte[] data;
        final int length;
        int count;
        final List<AuditStore.Prepared> events = new ArrayList<>(2048);
        final Checksums checksums = new Checksums();
        final List<String> rejects = new ArrayList<>();
        final List<Integer> rejectLines = new ArrayList<>(); // within the chunk, from 0

        Chunk(String name, byte[] data, int length) {
            this.name = name;
            this.data = data;
            this.length = length;
        }

        @Override
        public Chunk call() {
            Instant now = Timestamps.now(store.clock());
            FlatEventReader flat = store.flatEventReader(naiveZone);
            byte[] b = data;
            for (int st = 0; st < length; count++) {
                int next = LineSource.newline(b, st, length);
                int e = next;
                while (e > st && (b[e - 1] == '\r' || b[e - 1] == ' ')) {
                    e--;
                }
                if (e > st) {
                    AuditStore.Prepared fast = flat == null ? null : flat.read(b, st, e);
                    try {
                        events.add(fast != null ? fast : prepareGeneral(b, st, e, now, checksums));
                    } catch (RecordCodec.BadRecord | IllegalArgumentException bad) {
                        rejects.add(bad.getMessage());
                        rejectLines.add(count);
                    }
                }
                st = next + 1;
            }
            return this;
        }
    }

    private void read(String name, InputStream in, State st) throws IOException {
        int workers = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "audit-import-parse");
            t.setDaemon(true);
            return t;
        });
        java.util.ArrayDeque<java.util.concurrent.Future<Chunk>> inFlight = new java.util.ArrayDeque<>();
        // the blocks of consumed chunks, reused: no megabyte of garbage per chunk
        java.util.ArrayDeque<byte[]> free = new java.util.ArrayDeque<>();
        long firstLine = st.lines;
        try (LineSource lines = new LineSource(in)) {
            int len;
            while ((len = lines.nextBlock(free.isEmpty() ? new byte[LineSource.BLOCK] : free.poll())) >= 0) {
                inFlight.add(pool.submit(new Chunk(name, lines.block, len)));
                if (inFlight.size() > 2 * workers) {
                    free.add(consume(inFlight.poll(), st, firstLine));
                }
            }
            while (!inFlight.isEmpty()) {
                consume(inFlight.poll(), st, firstLine);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Takes a parsed chunk's events in order; returns its block for reuse. */
    private byte[] consume(java.util.concurrent.Future<Chunk> f, State st, long firstLine) throws IOException {
        Chunk c;
        try {
            c = f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted");
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IOException(e.getCause());
        }
        for (int i = 0; i < c.rejects.size(); i++) {
            st.reject(c.name, st.lines - firstLine + c.rejectLines.get(i) + 1, c.rejects.get(i));
        }
        st.checked += c.checksums.checked;
        st.mismatch += c.checksums.mismatched;
        c.events.forEach(st::add);
        st.lines += c.count;
        st.progress.update(st.lines, st.bytes.get(), st.totalBytes);
        return c.data;
    }

    /** How many reference checksums a chunk's lines carried, and how many of them did not match. */
    static final class Checksums {
        long checked;
        long mismatched;
    }

    /** The general path for one line: any JSON object, the reference checksum checked; throws on a bad line. */
    AuditStore.Prepared prepareGeneral(byte[] b, int from, int to, Instant now, Checksums checksums)
            throws RecordCodec.BadRecord {
        return store.prepare(event(RecordCodec.parseObject(b, from, to - from), checksums), now).slim();
    }

    @SuppressWarnings("unchecked")
    private AuditEvent event(Map<String, Object> m, Checksums checksums) {
        Object type = m.get("event_type");
        if (!(type instanceof String t) || t.isBlank()) {
            throw new IllegalArgumentException("no event_type");
        }
        Map<String, Object> metadata = m.get("metadata") instanceof Map<?, ?> md ? (Map<String, Object>) md : null;
        if (m.get("checksum") instanceof String sum) {
            checksums.checked++;
            if (!sum.equals(ReferenceChecksum.of(m))) {
                checksums.mismatched++;
                metadata = metadata == null ? new LinkedHashMap<>() : new LinkedHashMap<>(metadata);
                metadata.put("import_checksum", "mismatch");
            }
        }
        Instant when;
        Object ts = m.get("timestamp");
        try {
            when = ts instanceof String s ? Timestamps.parse(s, naiveZone)
                    : ts instanceof Number n ? Instant.ofEpochMilli(Math.round(n.doubleValue() * 1000)) : null;
        } catch (RuntimeException bad) {
            throw new IllegalArgumentException("timestamp '" + ts + "' is not ISO-8601", bad);
        }
        if (when == null) {
            throw new IllegalArgumentException("no timestamp");
        }
        Map<String, Object> meta = metadata;
        return AuditField.event(f -> switch (f) {
            case EVENT_ID -> text(m, f.key) != null ? text(m, f.key) : UUID.randomUUID().toString();
            case TIMESTAMP -> when;
            case EVENT_TYPE -> t.toLowerCase(Locale.ROOT);
            case LEVEL -> lower(text(m, f.key), "info");
            case DETAILS -> m.get(f.key) instanceof Map<?, ?> d ? d : null;
            case METADATA -> meta;
            default -> text(m, f.key);
        });
    }

    private static String lower(String s, String dflt) {
        return s == null ? dflt : s.toLowerCase(Locale.ROOT);
    }

    private static String text(Map<String, Object> m, String k) {
        Object v = m.get(k);
        if (v == null || v instanceof String) {
            return (String) v;
        }
        if (v instanceof Number || v instanceof Boolean || v instanceof BigInteger) {
            return String.valueOf(v);
        }
        throw new IllegalArgumentException(k + " is not a string");
    }

}
