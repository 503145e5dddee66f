package io.perfect21.p21mon.audit;

import io.perfect21.p21mon.IoErrors;
import io.perfect21.p21mon.AtomicFiles;
import io.perfect21.p21mon.P21monException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The embedded audit store: a directory of JSON-lines files, one per UTC day, 0600, chained by hash across files.
 * An append prepares its events (outside the lock; import on several threads), then under the {@link StoreLock}
 * finds the {@link ChainHead} (a torn last line set aside by {@link TornLine}), encodes each record
 * ({@link RecordCodec}), writes the lines durably ({@link DayAppender}) and their index entries ({@link AuditIndex}),
 * and spools them for Loki ({@link LokiShipper}). Closed days are gzipped by {@link AuditPruner#compress}.
 */
public final class AuditStore {
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
    private final StoreLock lock;
    private final ChainHead head;
    private ByteBuf writeBuf; // used under the lock only, like codec
    private final AuditIndex.Written written = new AuditIndex.Written(); // the index entries of writeBuf's lines
    private LokiShipper shipper;

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
        this.lock = new StoreLock(this.dir);
        this.head = new ChainHead(this.dir, w -> warnings.accept(w));
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
            this(event, body, starts, ends,
                    body == null ? null : AuditIndex.Keys.of(body, starts, ends, event.timestamp()));
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
                    + IoErrors.describe(e) + "; they are in the local audit log");
        }
    }

    /** Runs the body holding the store's lock ({@link StoreLock}). */
    <T> T locked(io.perfect21.p21mon.FileLocks.Body<T> body) {
        return lock.locked(body);
    }

    /** Appends under the lock; with {@code spoolLines}, also copies each stored line there (for Loki). */
    private List<AuditRecord> appendLocked(List<Prepared> events, ByteBuf spoolLines) throws IOException {
        List<DayFile> files = files();
        ChainHead.Head head = this.head.find(files);
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
        this.head.moved(new ChainHead.Head(file, day, Files.size(file), seq, prev));
        if (!unordered.isEmpty()) {
            markUnordered(unordered);
        }
        if (created) {
            DayAppender.syncDir(dir);
            if (compressAfter != null) {
                AuditPruner.compress(this, compressAfter, size -> { });
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

    /** Appends the buffer durably ({@link DayAppender}), then indexes its lines; returns whether the file was new. */
    private boolean write(Path file, ByteBuf buf) throws IOException {
        DayAppender.Appended a;
        try {
            a = DayAppender.append(file, buf);
        } catch (IOException e) {
            head.forget();
            throw e;
        }
        if (aesKey == null) {
            try {
                AuditIndex.appended(file, a.before(), buf.bytes, buf.length, written);
            } catch (IOException e) {
                warnings.accept("cannot update the index " + AuditIndex.of(file) + ": " + IoErrors.describe(AuditIndex.of(file), e)
                        + "; queries scan the records it misses ('p21mon audit reindex' rebuilds it)");
            }
        }
        written.clear();
        return a.created();
    }

    /** The chain's head, repairing a torn last line ({@link ChainHead}). Call under the lock. */
    ChainHead.Head head(List<DayFile> files) throws IOException {
        return head.find(files);
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

    /**
     * Rebuilds the index of every day file from its records (an encrypted store has none), gzipped days included,
     * and the block map of a gzipped day that has none that fits it; returns the files written.
     */
    public List<String> reindex() {
        return locked(() -> {
            List<String> out = new ArrayList<>();
            for (DayFile f : files()) {
                if (f.gzip() && GzMap.read(f.path()) == null && GzMap.rebuild(f.path())) {
                    out.add(GzMap.of(f.path()).getFileName().toString());
                }
                if (aesKey == null) {
                    AuditIndex.rebuild(f.path());
                    out.add(AuditIndex.of(f.path()).getFileName().toString());
                }
            }
            return out;
        });
    }

    /**
     * Checks that the index of every day file fits its lines ({@code AuditIndex.consistent}) and rebuilds those that
     * are missing or do not, and the block map of every gzipped day ({@code GzMap}); returns a warning for each (for
     * {@code verify}). Neither is ever part of the chain's verdict.
     */
    List<String> checkIndexes() {
        return locked(() -> {
            List<String> rebuilt = new ArrayList<>();
            for (DayFile f : files()) {
                if (f.gzip() && GzMap.read(f.path()) == null) {
                    boolean had = Files.exists(GzMap.of(f.path()));
                    if (!GzMap.rebuild(f.path())) {
                        continue; // not a gzip stream to walk: the chain's verdict names the damage
                    }
                    rebuilt.add((had ? "rebuilt the block map of " : "built the block map of ") + f.name() + " ("
                            + GzMap.of(f.path()).getFileName() + (had ? " did not match the file" : " was missing")
                            + "; queries had inflated the day whole)");
                }
                if (aesKey != null) {
                    continue;
                }
                if (!AuditIndex.consistent(f.path())) {
                    try {
                        AuditIndex.rebuild(f.path());
                    } catch (java.util.zip.ZipException | java.io.EOFException damaged) {
                        AuditIndex.delete(f.path());
                        continue; // a damaged gzipped day: the chain's verdict names it
                    }
                    rebuilt.add("rebuilt the index of " + f.name() + " (it was missing or did not match the records; "
                            + "queries had scanned what it missed)");
                } else if (!AuditPostings.repair(f.path())) {
                    rebuilt.add("rebuilt the postings of " + f.name() + " (" + AuditPostings.of(f.path()).getFileName()
                            + " was missing, torn or did not match the index; queries had probed the index instead)");
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
