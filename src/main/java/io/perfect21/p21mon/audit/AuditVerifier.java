package io.perfect21.p21mon.audit;

import io.perfect21.p21mon.IoErrors;
import io.perfect21.p21mon.P21monException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Checks the whole chain, file by file and line by line, and names the first bad record: its file, line and seq, the
 * verdict, and the expected and actual values. Reads a snapshot: the files and the size of the last one are taken
 * under the store's lock, so appends running meanwhile are neither waited for nor mistaken for damage.
 *
 * <pre>{@code
 * VerifyReport r = new AuditVerifier(store).verify(anchor); // anchor may be null
 * }</pre>
 */
public final class AuditVerifier {
    private final AuditStore store;

    public AuditVerifier(AuditStore store) {
        this.store = store;
    }

    private record Snapshot(List<DayFile> files, long lastSize) {
    }

    public VerifyReport verify(Anchor anchor) {
        return verify(anchor, AuditProgress.NONE);
    }

    /** {@link #verify(Anchor)}, telling {@code progress} after every chunk (about a megabyte) of lines. */
    public VerifyReport verify(Anchor anchor, AuditProgress progress) {
        try {
            return walk(anchor, progress);
        } finally {
            progress.done();
        }
    }

    private VerifyReport walk(Anchor anchor, AuditProgress progress) {
        Snapshot snap = snapshot();
        Walk w = new Walk(anchor, PrunedMark.read(store.dir()));
        VerifyReport.Problem problem = checkFiles(snap, w, progress);
        w.warnings.addAll(tornFiles());
        w.warnings.addAll(store.checkIndexes());
        VerifyReport.Completeness completeness = anchor == null ? null
                : complete(anchor, w.expectedSeq - 1, w.anchorSeen, problem != null);
        String status = problem != null ? "broken" : completeness != null && !completeness.complete() ? "incomplete" : "intact";
        return new VerifyReport(status, store.dir().toString(), snap.files().size(), w.records, w.firstSeq,
                w.expectedSeq - 1, w.head.toString(), store.hmacKey() != null, w.encrypted, problem, completeness,
                w.warnings);
    }

    /** Walks the files in order (inflating the next gzip day while one is checked); returns the first problem. */
    private VerifyReport.Problem checkFiles(Snapshot snap, Walk w, AuditProgress progress) {
        List<DayFile> files = snap.files();
        AtomicLong bytesRead = new AtomicLong();
        long total = 0;
        for (int i = 0; i < files.size(); i++) {
            total += i == files.size() - 1 && !files.get(i).gzip() ? snap.lastSize() : size(files.get(i));
        }
        long totalBytes = total;
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        ExecutorService pool = Executors.newFixedThreadPool(threads, task -> {
            Thread t = new Thread(task, "audit-verify");
            t.setDaemon(true);
            return t;
        });
        InputStream ahead = null;
        try {
            for (int fi = 0; fi < files.size(); fi++) {
                DayFile f = files.get(fi);
                boolean last = fi == files.size() - 1;
                InputStream in = ahead != null ? ahead : f.open(bytesRead);
                ahead = !last && files.get(fi + 1).gzip() ? files.get(fi + 1).open(bytesRead) : null;
                try (PrecheckedLines r = new PrecheckedLines(in, pool, 2 * threads + 1, store.hmacKey())) {
                    r.onChunk(() -> progress.update(w.records, Math.min(bytesRead.get(), totalBytes), totalBytes));
                    if (last && !f.gzip()) {
                        r.limit(snap.lastSize());
                    }
                    VerifyReport.Problem p;
                    try {
                        p = checkFile(r, files, fi, w);
                    } catch (java.util.zip.ZipException | java.io.EOFException e) {
                        if (!f.gzip()) {
                            throw e;
                        }
                        p = gzipDamaged(f, r, e);
                    }
                    if (p != null) {
                        return p;
                    }
                }
            }
            return null;
        } catch (IOException e) {
            throw P21monException.failed("cannot read the audit log in " + store.dir() + ": " + IoErrors.describe(store.dir(), e), e);
        } finally {
            pool.shutdownNow();
            closeQuietly(ahead);
        }
    }

    /** Checks the lines of one file; returns the first problem, or null (a torn last line only warns). */
    private VerifyReport.Problem checkFile(PrecheckedLines r, List<DayFile> files, int fi, Walk w) throws IOException {
        DayFile f = files.get(fi);
        boolean last = fi == files.size() - 1;
        while (r.next()) {
            if (!r.terminated && last) {
                w.warnings.add(f.name() + " line " + r.lineNo + ": torn last line (" + (r.end - r.start)
                        + " bytes, an append cut short by a crash); the next append moves it to " + f.name() + ".torn");
                return null;
            }
            VerifyReport.Problem p = verdict(r, files, fi, w);
            if (p != null) {
                return p;
            }
        }
        return null;
    }

    /**
     * The one verdict on a line, given the chain so far: null when the record is good (it is then taken), else the
     * problem. What the line says on its own (JSON, fields, hash) was checked once, on a worker
     * ({@link PrecheckedLines}); here its place in the chain: seq, the link to the record before, decryption.
     */
    private VerifyReport.Problem verdict(PrecheckedLines r, List<DayFile> files, int fi, Walk w) throws IOException {
        if (!r.good) {
            return defect(files.get(fi), r, w);
        }
        if (r.seq != w.expectedSeq) {
            return gap(files, fi, r, w);
        }
        if (!w.head.matches(r.buf, r.prevStart, r.prevEnd)) {
            return problem(files.get(fi), r.lineNo, r.seq, "prev_mismatch", w.head.toString(),
                    new String(r.buf, r.prevStart, r.prevEnd - r.prevStart, StandardCharsets.UTF_8),
                    "the record does not link to the one before it" + (r.lineNo == 1 ? " (a file from a different chain?)" : ""));
        }
        if (r.encrypted) {
            VerifyReport.Problem p = decrypt(files.get(fi), r, w);
            if (p != null) {
                return p;
            }
        }
        if (w.anchor != null && r.seq == w.anchor.seq()) {
            w.anchorSeen = new String(r.buf, r.hashStart, r.hashEnd - r.hashStart, StandardCharsets.US_ASCII);
        }
        w.took(r.seq);
        w.head.set(r.buf, r.hashStart, r.hashEnd);
        return null;
    }

    /**
     * The problem of a gzipped day whose compressed bytes do not inflate (a CRC, a length or a block is wrong, or the
     * file ends early). The file is read ahead of the checks, so the damage lies at or past the line where they
     * stopped ({@code r.lineNo + 1}); the lines before it were checked.
     */
    private VerifyReport.Problem gzipDamaged(DayFile f, PrecheckedLines r, IOException e) {
        String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return problem(f, r.lineNo + 1, null, "gzip_damaged", "gzip data that inflates", why,
                "the compressed file is damaged (" + why + "): it was changed or cut after it was compressed; its "
                        + r.lineNo + " lines before this one were read and checked");
    }

    /** The problem of a line that is no good record on its own. */
    private VerifyReport.Problem defect(DayFile f, PrecheckedLines r, Walk w) {
        PrecheckedLines.Defect d = r.defect;
        String message = d.message() != null ? d.message() : w.records == 0 ? "the first record does not match its "
                + "hash: the record was changed, or the key differs (audit.hmac_key_file "
                + (store.hmacKey() == null ? "is not set" : "is set") + ")" : "the record was changed after it was written";
        return problem(f, r.lineNo, r.seq < 0 ? null : r.seq, d.verdict(), d.expected(),
                d.actual() != null ? d.actual() : excerpt(r.buf, r.start, r.end), message);
    }

    /** The problem of a record whose seq is not the next one: missing records, or records out of order. */
    private VerifyReport.Problem gap(List<DayFile> files, int fi, PrecheckedLines r, Walk w) throws IOException {
        boolean later = r.seq < w.expectedSeq || appearsLater(files, fi, r.lineNo, w.expectedSeq);
        return problem(files.get(fi), r.lineNo, r.seq, later ? "reordered" : "seq_gap", "seq " + w.expectedSeq,
                "seq " + r.seq, later ? "records are out of order" : (r.seq - w.expectedSeq)
                        + " record(s) missing before this one"
                        + (w.records == 0 && w.mark == null ? " (the chain must start at seq 1)" : ""));
    }

    /** Decrypts an encrypted record: a wrong key is a usage error, a record that alone does not decrypt a problem. */
    private VerifyReport.Problem decrypt(DayFile f, PrecheckedLines r, Walk w) {
        w.encrypted = true;
        if (store.aesKey() == null) {
            throw P21monException.usage("the audit log is encrypted (" + f.name() + " line " + r.lineNo
                    + "); set audit.encryption_key_file to verify it");
        }
        try {
            w.codec.decode(r.buf, r.start, r.end);
            w.decryptedOne = true;
            return null;
        } catch (RecordCodec.BadRecord bad) {
            if (!w.decryptedOne) {
                throw P21monException.usage("wrong encryption key: cannot decrypt " + f.name() + " line "
                        + r.lineNo + " (seq " + r.seq + ") with audit.encryption_key_file");
            }
            return problem(f, r.lineNo, r.seq, "decrypt_failed", "a record sealed with this key",
                    "a record that does not decrypt", bad.getMessage());
        }
    }

    private static void closeQuietly(InputStream in) {
        if (in != null) {
            try {
                in.close();
            } catch (IOException ignored) {
                // only a read-ahead of a file not needed any more
            }
        }
    }

    private static long size(DayFile f) {
        try {
            return Files.size(f.path());
        } catch (IOException e) {
            return 0; // pruned meanwhile: the walk will say so
        }
    }

    /** How far the chain has been checked: the seq and hash the next record must link to, and what was seen. */
    private final class Walk {
        final Anchor anchor;
        final PrunedMark mark;
        final RecordCodec codec = store.newCodec();
        final List<String> warnings = new ArrayList<>();
        long expectedSeq;
        final Head head;
        long records;
        long firstSeq;
        String anchorSeen;
        boolean encrypted;
        boolean decryptedOne;

        Walk(Anchor anchor, PrunedMark mark) {
            this.anchor = anchor;
            this.mark = mark;
            this.expectedSeq = mark == null ? 1 : mark.seq() + 1;
            this.head = new Head(mark == null ? AuditRecord.GENESIS : mark.hash());
            if (mark != null) {
                warnings.add("records up to seq " + mark.seq() + " were pruned; the chain is checked from seq " + expectedSeq);
            }
        }

        void took(long seq) {
            if (records == 0) {
                firstSeq = seq;
            }
            records++;
            expectedSeq = seq + 1;
        }
    }

    private static VerifyReport.Completeness complete(Anchor a, long headSeq, String seen, boolean broken) {
        if (headSeq < a.seq()) {
            return new VerifyReport.Completeness(a.source(), a.seq(), a.hash(), false, broken
                    ? "not checked past the first bad record (seq " + (headSeq + 1) + "); the anchor is at seq " + a.seq()
                    : "the log ends at seq " + headSeq + " but the anchor says seq " + a.seq() + ": "
                    + (a.seq() - headSeq) + " record(s) missing at the end (truncated?)");
        }
        if (seen == null || !seen.equals(a.hash())) {
            return new VerifyReport.Completeness(a.source(), a.seq(), a.hash(), false,
                    "the record at seq " + a.seq() + " has hash " + seen + ", the anchor says " + a.hash()
                            + ": the history was rewritten");
        }
        return new VerifyReport.Completeness(a.source(), a.seq(), a.hash(), true,
                "the log reaches the anchor (seq " + a.seq() + ") and has " + (headSeq - a.seq()) + " record(s) after it");
    }

    private VerifyReport.Problem problem(DayFile f, long line, Long seq, String verdict, String expected, String actual,
                                         String message) {
        return new VerifyReport.Problem(f.path().toString(), line, seq, verdict, expected, actual, message);
    }

    /** The hash of the last record checked, kept as bytes (no string per record); a string only when asked for. */
    private static final class Head {
        private byte[] bytes = new byte[64];
        private int length;

        Head(String hash) {
            byte[] b = hash.getBytes(StandardCharsets.UTF_8);
            set(b, 0, b.length);
        }

        void set(byte[] b, int from, int to) {
            if (bytes.length < to - from) {
                bytes = new byte[to - from];
            }
            System.arraycopy(b, from, bytes, 0, to - from);
            length = to - from;
        }

        /** Whether {@code b[from, to)} is this hash. */
        boolean matches(byte[] b, int from, int to) {
            return java.util.Arrays.equals(bytes, 0, length, b, from, to);
        }

        @Override
        public String toString() {
            return new String(bytes, 0, length, StandardCharsets.UTF_8);
        }
    }

    private static String excerpt(byte[] b, int s, int e) {
        String t = new String(b, s, Math.min(e - s, 120), java.nio.charset.StandardCharsets.UTF_8);
        return e - s > 120 ? t + "…" : t;
    }

    /** Whether a record with this seq comes later (a reordering rather than a loss). */
    private boolean appearsLater(List<DayFile> files, int fromFile, long afterLine, long seq) throws IOException {
        LineScanner sc = new LineScanner();
        for (int fi = fromFile; fi < files.size(); fi++) {
            try (LineSource r = new LineSource(files.get(fi).open())) {
                while (r.next()) {
                    if (fi == fromFile && r.lineNo <= afterLine) {
                        continue;
                    }
                    if (sc.scan(r.buf, r.start, r.end)) {
                        int si = sc.find(AuditField.SEQ.bytes);
                        if (si >= 0 && sc.longValue(si) == seq) {
                            return true;
                        }
                    }
                }
            }
        }
        return false;
    }

    private Snapshot snapshot() {
        if (!Files.isDirectory(store.dir())) {
            List<DayFile> none = DayFile.list(store.dir());
            return new Snapshot(none, 0);
        }
        if (!Files.isWritable(store.dir())) {
            List<DayFile> files = DayFile.list(store.dir());
            return new Snapshot(files, lastSize(files));
        }
        return store.locked(() -> {
            List<DayFile> files = DayFile.list(store.dir());
            return new Snapshot(files, lastSize(files));
        });
    }

    private static long lastSize(List<DayFile> files) {
        try {
            return files.isEmpty() ? 0 : Files.size(files.get(files.size() - 1).path());
        } catch (IOException e) {
            return Long.MAX_VALUE;
        }
    }

    private List<String> tornFiles() {
        List<String> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(store.dir(), "*.torn")) {
            for (Path p : ds) {
                out.add(p.getFileName() + ": fragments of appends cut short by a crash, kept aside ("
                        + Files.size(p) + " bytes); they were never part of the chain");
            }
        } catch (IOException e) {
            // no directory, no fragments
        }
        return out;
    }
}
