package io.perfect21.p21mon.audit;

import io.perfect21.p21mon.AtomicFiles;
import io.perfect21.p21mon.P21monException;

import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.zip.GZIPOutputStream;

/**
 * The embedded audit store: a directory of JSON-lines files, one per UTC day, 0600, chained by hash across files.
 * Appends from any number of threads and processes are serialised by an exclusive lock on {@code DIR/.lock}
 * ({@link FileChannel#lock()}, plus a lock per directory inside this JVM) and are on disk (fdatasync) before
 * {@link #append} returns. A last line left without its newline by a crash is moved to {@code FILE.torn} and cut off
 * before the next append, so the chain goes on. A failed write (disk full) is cut back, never leaving half a record.
 */
public final class AuditStore {
    private static final Map<Path, ReentrantLock> JVM_LOCKS = new ConcurrentHashMap<>();
    static final String LOCK = ".lock";
    static final String PRUNED = ".pruned.json";
    static final String UNORDERED = ".unordered";

    private final Path dir;
    private final RecordCodec codec;
    private final Masker masker;
    private final Duration compressAfter;
    private final String host;
    private final Clock clock;
    private final byte[] hmacKey;
    private final byte[] aesKey;
    private Consumer<String> warnings = w -> { };
    private Head cached;
    private ByteBuf writeBuf; // used under the lock only, like codec
    private final AuditIndex.Written written = new AuditIndex.Written(); // the index entries of writeBuf's lines
    private LokiShipper shipper;

    /** Where the chain ends: the last record's seq and hash, in which file, and that file's size. */
    record Head(Path file, LocalDate day, long size, long seq, String hash) {
    }

    public AuditStore(Path dir, byte[] hmacKey, byte[] aesKey, List<String> maskFields, Duration compressAfter,
                      String host, Clock clock) {
        this.dir = dir.toAbsolutePath().normalize();
        this.hmacKey = hmacKey;
        this.aesKey = aesKey;
        this.codec = new RecordCodec(hmacKey, aesKey);
        this.masker = new Masker(maskFields);
        this.compressAfter = compressAfter;
        this.host = host;
        this.clock = clock;
    }

    public Path dir() {
        return dir;
    }

    byte[] hmacKey() {
        return hmacKey;
    }

    byte[] aesKey() {
        return aesKey;
    }

    public String host() {
        return host;
    }

    Clock clock() {
        return clock;
    }

    /** Where notices go (a torn line repaired, a file compressed). */
    public AuditStore onWarning(Consumer<String> sink) {
        this.warnings = sink;
        return this;
    }

    /**
     * Also ships every appended record to Loki: spooled locally under the lock, pushed after it is released with a
     * short timeout (see {@link LokiShipper}); not for encrypted stores, whose records would reach Loki in clear.
     */
    public AuditStore shipTo(String lokiUrl) {
        return shipTo(lokiUrl, LokiShipper.TIMEOUT, LokiShipper.PAUSE);
    }

    /** Ships with this push timeout and this pause after a failed push. */
    AuditStore shipTo(String lokiUrl, Duration timeout, Duration pause) {
        if (aesKey != null) {
            throw P21monException.usage("audit.loki_url with audit.encryption_key_file: Loki would receive the "
                    + "records in clear; drop one of them");
        }
        this.shipper = lokiUrl == null || lokiUrl.isBlank() ? null : new LokiShipper(lokiUrl, dir, timeout, pause);
        return this;
    }

    /** The day files, oldest first. */
    public List<DayFile> files() {
        return DayFile.list(dir);
    }

    /** Appends the events in order, chained, durable on return; returns them as stored. */
    public List<AuditRecord> append(List<AuditEvent> events) {
        List<AuditRecord> done = appendLocal(events);
        ship();
        return done;
    }

    /** {@link #append} without the push to Loki (the records only go into the spool): call {@link #ship} after. */
    List<AuditRecord> appendLocal(List<AuditEvent> events) {
        if (events.isEmpty()) {
            return List.of();
        }
        return appendDurable(prepareAll(events, Timestamps.now(clock)), false);
    }

    /** Pushes the Loki spool, if shipping; returns at once if someone else is pushing it. */
    void ship() {
        if (shipper != null) {
            shipper.ship(this, warnings);
        }
    }

    /**
     * An event made ready for appending without holding the lock: completed (id, time, host), masked, and for a
     * plain store its fields already encoded, so only seq, prev and the hash remain to do under the lock.
     */
    record Prepared(AuditEvent event, byte[] body, int[] starts, int[] ends, AuditIndex.Keys keys) {
        /** A prepared record whose index keys are computed here, on the preparing thread (none when encrypted). */
        Prepared(AuditEvent event, byte[] body, int[] starts, int[] ends) {
            this(event, body, starts, ends, body == null ? null : AuditIndex.Keys.of(body, starts, ends));
        }

        /**
         * The same without the event's fields (all in {@code body} already) but its time, for imports that hold
         * thousands in memory and need back only seqs: the records {@link #appendPrepared} returns then carry no
         * event data. An encrypted store's event is kept whole (it is encoded under the lock).
         */
        Prepared slim() {
            if (body == null) {
                return this;
            }
            return new Prepared(new AuditEvent(null, event.timestamp(), null, null, null, null, null, null, null, null,
                    null, null, null, null), body, starts, ends, keys);
        }
    }

    private final ThreadLocal<RecordCodec> bodyCodecs = ThreadLocal.withInitial(this::newCodec);

    /** Prepares one event; thread-safe (import prepares on several threads). */
    Prepared prepare(AuditEvent raw, java.time.Instant now) {
        AuditEvent e = raw.complete(now, host);
        e = e.withDetails(masker.mask(e.details())).withMetadata(masker.mask(e.metadata()));
        if (aesKey != null) {
            return new Prepared(e, null, null, null);
        }
        return bodyCodecs.get().prepareBody(e);
    }

    /** Import's fast path for common event lines (see {@link FlatEventReader}), or null for an encrypted store. */
    FlatEventReader flatEventReader(java.time.ZoneId naiveZone) {
        return aesKey != null ? null : new FlatEventReader(host, masker, naiveZone);
    }

    private List<Prepared> prepareAll(List<AuditEvent> events, java.time.Instant now) {
        List<Prepared> out = new ArrayList<>(events.size());
        for (AuditEvent e : events) {
            out.add(prepare(e, now));
        }
        return out;
    }

    /** Appends prepared events in order, chained, durable on return. */
    List<AuditRecord> appendPrepared(List<Prepared> events) {
        return appendDurable(events, true);
    }

    private List<AuditRecord> appendDurable(List<Prepared> events, boolean ship) {
        if (events.isEmpty()) {
            return List.of();
        }
        List<AuditRecord> done = locked(() -> {
            ByteBuf lines = shipper == null ? null : new ByteBuf(512 * events.size() + 1024);
            List<AuditRecord> out = appendLocked(events, lines);
            if (lines != null) {
                spoolLocked(lines, out.size());
            }
            return out;
        });
        if (ship) {
            ship();
        }
        return done;
    }

    /** Hands the stored lines to the Loki spool; they are durable in the store already, so a failure only warns. */
    private void spoolLocked(ByteBuf lines, int records) {
        try {
            shipper.spool(lines);
        } catch (IOException e) {
            warnings.accept("cannot spool " + records + " audit record(s) for Loki in " + dir + ": "
                    + e.getMessage() + "; they are in the local audit log");
        }
    }

    /** Runs the body holding the store's lock (this JVM's and the file lock other processes honour). */
    <T> T locked(IoBody<T> body) {
        ensureDir();
        ReentrantLock jvm = JVM_LOCKS.computeIfAbsent(dir, d -> new ReentrantLock());
        jvm.lock();
        try (FileChannel ch = FileChannel.open(dir.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
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

    /** A body run under the lock. */
    @FunctionalInterface
    interface IoBody<T> {
        T run() throws IOException;
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

    /** Appends under the lock; with {@code spoolLines}, also copies each stored line there (for Loki). */
    private List<AuditRecord> appendLocked(List<Prepared> events, ByteBuf spoolLines) throws IOException {
        List<DayFile> files = files();
        Head head = head(files);
        List<AuditRecord> out = new ArrayList<>(events.size());
        ByteBuf buf = writeBuffer(Math.min(1 << 24, 512 * events.size() + 1024));
        written.clear();
        long seq = head.seq();
        String prev = head.hash();
        LocalDate day = head.day();
        Path file = head.file();
        Set<String> unordered = new LinkedHashSet<>();
        boolean created = false;
        for (Prepared p : events) {
            AuditEvent e = p.event();
            LocalDate eventDay = Timestamps.utcDay(e.timestamp());
            LocalDate target = day == null || eventDay.isAfter(day) ? eventDay : day;
            if (!target.equals(day)) {
                if (buf.length > 0) {
                    created |= write(file, buf);
                    buf.clear();
                }
                day = target;
                file = dir.resolve(DayFile.plainName(day));
            }
            if (eventDay.isBefore(day)) {
                unordered.add(DayFile.plainName(day));
            }
            seq++;
            int lineStart = buf.length;
            String hash = p.body() == null ? codec.encode(seq, e, prev, buf) : codec.encodePrepared(seq, p, prev, buf);
            if (p.keys() != null) {
                written.add(buf.length, seq, p.keys());
            }
            if (spoolLines != null) {
                spoolLines.put(buf.bytes, lineStart, buf.length - lineStart);
            }
            out.add(new AuditRecord(seq, e, prev, hash));
            prev = hash;
            if (buf.length > (1 << 23)) {
                created |= write(file, buf);
                buf.clear();
            }
        }
        if (buf.length > 0) {
            created |= write(file, buf);
        }
        cached = new Head(file, day, Files.size(file), seq, prev);
        if (!unordered.isEmpty()) {
            markUnordered(unordered);
        }
        if (created) {
            syncDir();
            if (compressAfter != null) {
                compress(compressAfter);
            }
        }
        return out;
    }

    /** The lines' buffer of appends, kept between them (an import's batches would otherwise each allocate megabytes). */
    private ByteBuf writeBuffer(int capacity) {
        if (writeBuf == null || writeBuf.bytes.length < capacity) {
            writeBuf = new ByteBuf(capacity);
        }
        writeBuf.clear();
        return writeBuf;
    }

    /** Appends the buffer to the file durably; a failed write is cut back. Returns whether the file was created. */
    private boolean write(Path file, ByteBuf buf) throws IOException {
        boolean created = false;
        FileChannel ch;
        try {
            ch = FileChannel.open(file, EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            created = true;
        } catch (FileAlreadyExistsException e) {
            ch = FileChannel.open(file, StandardOpenOption.WRITE);
        }
        try (FileChannel c = ch) {
            long before = c.size();
            try {
                c.position(before);
                ByteBuffer bb = ByteBuffer.wrap(buf.bytes, 0, buf.length);
                while (bb.hasRemaining()) {
                    c.write(bb);
                }
                c.force(false);
            } catch (IOException e) {
                try {
                    c.truncate(before);
                    c.force(false);
                } catch (IOException cut) {
                    e.addSuppressed(cut);
                }
                if (created && before == 0) {
                    Files.deleteIfExists(file);
                }
                cached = null;
                throw new IOException("cannot append to " + file + ": " + e.getMessage()
                        + " (nothing was written; the chain is unchanged)", e);
            }
            if (aesKey == null) {
                try {
                    AuditIndex.appended(file, before, buf.bytes, buf.length, written);
                } catch (IOException e) {
                    warnings.accept("cannot update the index " + AuditIndex.of(file) + ": " + e.getMessage()
                            + "; queries scan the records it misses ('p21mon audit reindex' rebuilds it)");
                }
            }
            written.clear();
        }
        return created;
    }

    private void syncDir() {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException e) {
            // some file systems cannot sync a directory; the file itself is synced
        }
    }

    /** The chain's head, repairing a torn last line. Call under the lock. */
    Head head(List<DayFile> files) throws IOException {
        if (cached != null && !files.isEmpty()) {
            DayFile last = files.get(files.size() - 1);
            if (last.path().equals(cached.file()) && !last.gzip() && Files.size(last.path()) == cached.size()) {
                return cached;
            }
        }
        for (int i = files.size() - 1; i >= 0; i--) {
            DayFile f = files.get(i);
            long[] seqOut = new long[1];
            String[] hashOut = new String[1];
            long size = f.gzip() ? lastOfGzip(f, seqOut, hashOut) : lastOfPlain(f.path(), seqOut, hashOut);
            if (hashOut[0] != null) {
                Head h = new Head(f.path(), f.day(), size, seqOut[0], hashOut[0]);
                cached = h;
                return h;
            }
        }
        PrunedMark mark = PrunedMark.read(dir);
        if (mark != null) {
            return new Head(null, null, 0, mark.seq(), mark.hash());
        }
        return new Head(null, null, 0, 0, AuditRecord.GENESIS);
    }

    /** Reads the last record of a plain file (after cutting off a torn tail); returns the file size. */
    private long lastOfPlain(Path file, long[] seq, String[] hash) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            long size = raf.length();
            if (size == 0) {
                return 0;
            }
            int chunk = (int) Math.min(size, 1 << 16);
            byte[] tail = new byte[chunk];
            raf.seek(size - chunk);
            raf.readFully(tail);
            if (tail[chunk - 1] != '\n') {
                size = repairTorn(file, raf, size);
                if (size == 0) {
                    return 0;
                }
                chunk = (int) Math.min(size, 1 << 16);
                tail = new byte[chunk];
                raf.seek(size - chunk);
                raf.readFully(tail);
            }
            int endIdx = chunk - 1;
            int s = endIdx - 1;
            while (s >= 0 && tail[s] != '\n') {
                s--;
            }
            if (s < 0 && chunk < size) {
                throw P21monException.failed("cannot append: the last line of " + file + " is longer than 64 KiB; "
                        + "run 'p21mon audit verify'");
            }
            lastRecord(file, tail, s + 1, endIdx, seq, hash);
            return size;
        }
    }

    private void lastRecord(Path file, byte[] b, int from, int to, long[] seq, String[] hash) {
        LineScanner sc = new LineScanner();
        int si;
        int hi;
        if (!sc.scan(b, from, to) || (si = sc.find(AuditField.SEQ.bytes)) < 0 || (hi = sc.find(AuditField.HASH.bytes)) < 0
                || sc.longValue(si) < 0 || sc.plainString(hi) == null) {
            throw P21monException.failed("cannot append: the last line of " + file + " is not a valid record ("
                    + (sc.error != null ? sc.error : "no seq or hash") + "); no record was written. "
                    + "Run 'p21mon audit verify' and move the bad line away");
        }
        seq[0] = sc.longValue(si);
        hash[0] = sc.plainString(hi);
    }

    private long lastOfGzip(DayFile f, long[] seq, String[] hash) throws IOException {
        byte[] last = null;
        try (LineSource r = new LineSource(f.open())) {
            while (r.next()) {
                if (r.end > r.start && r.terminated) {
                    last = java.util.Arrays.copyOfRange(r.buf, r.start, r.end);
                }
            }
        }
        if (last != null) {
            lastRecord(f.path(), last, 0, last.length, seq, hash);
        }
        return Files.size(f.path());
    }

    /** Moves the bytes after the last newline to FILE.torn and cuts them off; returns the new size. */
    private long repairTorn(Path file, RandomAccessFile raf, long size) throws IOException {
        long pos = size;
        byte[] chunk = new byte[1 << 16];
        long lastNl = -1;
        while (pos > 0 && lastNl < 0) {
            int n = (int) Math.min(chunk.length, pos);
            pos -= n;
            raf.seek(pos);
            raf.readFully(chunk, 0, n);
            for (int i = n - 1; i >= 0; i--) {
                if (chunk[i] == '\n') {
                    lastNl = pos + i;
                    break;
                }
            }
        }
        long keep = lastNl + 1;
        byte[] torn = new byte[(int) Math.min(size - keep, 1 << 24)];
        raf.seek(keep);
        raf.readFully(torn);
        Path side = file.resolveSibling(file.getFileName() + ".torn");
        try (FileChannel t = FileChannel.open(side, EnumSet.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))) {
            ByteBuffer bb = ByteBuffer.allocate(torn.length + 1).put(torn).put((byte) '\n').flip();
            while (bb.hasRemaining()) {
                t.write(bb);
            }
            t.force(false);
        }
        raf.setLength(keep);
        raf.getFD().sync();
        warnings.accept("repaired a torn last line of " + file + " (an append cut short by a crash): "
                + (size - keep) + " bytes kept in " + side.getFileName());
        return keep;
    }

    private void markUnordered(Set<String> names) throws IOException {
        Path p = dir.resolve(UNORDERED);
        Set<String> have = new LinkedHashSet<>(unordered(dir));
        if (have.containsAll(names)) {
            return;
        }
        have.addAll(names);
        AtomicFiles.write(p, (String.join("\n", have) + "\n").getBytes(StandardCharsets.UTF_8),
                PosixFilePermissions.fromString("rw-------"), true);
    }

    /** Day files holding records from earlier days (imports, appends across midnight): --until cannot skip them. */
    static Set<String> unordered(Path dir) {
        try {
            return new LinkedHashSet<>(Files.readAllLines(dir.resolve(UNORDERED)));
        } catch (IOException e) {
            return Set.of();
        }
    }

    /** Gzips closed day files older than the given age; returns the files compressed. Call under the lock. */
    List<Path> compress(Duration olderThan) throws IOException {
        return compress(olderThan, bytes -> { });
    }

    /** {@link #compress(Duration)}, telling {@code compressed} the size of each file once it is gzipped. */
    List<Path> compress(Duration olderThan, java.util.function.LongConsumer compressed) throws IOException {
        List<DayFile> files = files();
        LocalDate cutoff = Timestamps.utcDay(clock.instant().minus(olderThan));
        List<Path> done = new ArrayList<>();
        for (int i = 0; i < files.size() - 1; i++) { // never the last file: it is the one appended to
            DayFile f = files.get(i);
            if (f.gzip() || !f.day().isBefore(cutoff)) {
                continue;
            }
            Path gz = f.path().resolveSibling(f.name() + ".gz");
            AtomicFiles.write(gz, PosixFilePermissions.fromString("rw-------"), true, raw -> {
                try (InputStream in = Files.newInputStream(f.path())) {
                    GZIPOutputStream out = new GZIPOutputStream(raw, 1 << 16);
                    in.transferTo(out);
                    out.finish();
                }
            });
            long size = Files.size(f.path());
            Files.delete(f.path());
            AuditIndex.delete(f.path());
            done.add(gz);
            compressed.accept(size);
        }
        if (!done.isEmpty()) {
            syncDir();
        }
        return done;
    }

    /**
     * Rebuilds the index of every plain day file from its records (an encrypted store has none); returns the files
     * indexed.
     */
    public List<String> reindex() {
        return locked(() -> {
            List<String> out = new ArrayList<>();
            for (DayFile f : files()) {
                if (!f.gzip() && aesKey == null) {
                    AuditIndex.rebuild(f.path());
                    out.add(AuditIndex.of(f.path()).getFileName().toString());
                }
            }
            return out;
        });
    }

    /**
     * Checks that the index of every plain day file fits its lines ({@code AuditIndex.consistent}) and rebuilds
     * those that are missing or do not; returns a warning for each (for {@code verify}). The index is never part of the chain's verdict.
     */
    List<String> checkIndexes() {
        if (aesKey != null) {
            return List.of();
        }
        return locked(() -> {
            List<String> rebuilt = new ArrayList<>();
            for (DayFile f : files()) {
                if (!f.gzip() && !AuditIndex.consistent(f.path())) {
                    AuditIndex.rebuild(f.path());
                    rebuilt.add("rebuilt the index of " + f.name() + " (it was missing or did not match the records; "
                            + "queries had scanned what it missed)");
                }
            }
            return rebuilt;
        });
    }

    /** Whether this store keeps an index beside its plain day files (not when encrypted). */
    boolean indexed() {
        return aesKey == null;
    }

    /** A fresh codec for a reader thread (codecs are not thread-safe). */
    RecordCodec newCodec() {
        return new RecordCodec(hmacKey, aesKey);
    }
}
