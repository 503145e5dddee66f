package io.perfect21.p21mon.audit;

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
        List<DayFile> files = snap.files();
        AtomicLong bytesRead = new AtomicLong();
        long totalBytes = 0;
        for (int i = 0; i < files.size(); i++) {
            totalBytes += i == files.size() - 1 && !files.get(i).gzip() ? snap.lastSize() : size(files.get(i));
        }
        long total = totalBytes;
        ChainHasher hasher = new ChainHasher(store.hmacKey());
        ChainHasher unkeyed = store.hmacKey() == null ? null : new ChainHasher(null);
        RecordCodec codec = store.newCodec();
        LineScanner sc = new LineScanner();
        List<String> warnings = new ArrayList<>();
        PrunedMark mark = PrunedMark.read(store.dir());
        Walk w = new Walk(mark == null ? 1 : mark.seq() + 1, mark == null ? AuditRecord.GENESIS : mark.hash());
        if (mark != null) {
            warnings.add("records up to seq " + mark.seq() + " were pruned; the chain is checked from seq " + w.expectedSeq);
        }
        boolean encrypted = false;
        boolean decryptedOne = false;
        VerifyReport.Problem problem = null;
        InputStream ahead = null;
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        ExecutorService pool = Executors.newFixedThreadPool(threads, task -> {
            Thread t = new Thread(task, "audit-verify");
            t.setDaemon(true);
            return t;
        });
        try {
            fileLoop:
            for (int fi = 0; fi < files.size(); fi++) {
                DayFile f = files.get(fi);
                boolean last = fi == files.size() - 1;
                InputStream in = ahead != null ? ahead : f.open(bytesRead);
                ahead = null;
                if (!last && files.get(fi + 1).gzip()) {
                    ahead = files.get(fi + 1).open(bytesRead); // inflate the next day while this one is checked
                }
                try (PrecheckedLines r = new PrecheckedLines(in, pool, 2 * threads + 1, store.hmacKey())) {
                    r.onChunk(() -> progress.update(w.records, Math.min(bytesRead.get(), total), total));
                    if (last && !f.gzip()) {
                        r.limit(snap.lastSize());
                    }
                    while (takeChecked(r, w, anchor, last)) {
                        // a line the worker could not vouch for, or one that does not link: the full check names why
                        byte[] b = r.buf;
                        if (!r.terminated && last) {
                            warnings.add(f.name() + " line " + r.lineNo + ": torn last line (" + (r.end - r.start)
                                    + " bytes, an append cut short by a crash); the next append moves it to "
                                    + f.name() + ".torn");
                            break;
                        }
                        if (!sc.scan(b, r.start, r.end)) {
                            problem = problem(f, r.lineNo, null, "malformed", "a JSON record", excerpt(b, r.start, r.end),
                                    "not a valid record: " + sc.error);
                            break fileLoop;
                        }
                        int si = sc.find(AuditField.SEQ.bytes);
                        int pi = sc.find(AuditField.PREV.bytes);
                        int hi = sc.find(AuditField.HASH.bytes);
                        long seq = si < 0 ? -1 : sc.longValue(si);
                        String prev = pi < 0 ? null : sc.plainString(pi);
                        if (seq < 0 || prev == null || hi < 0 || sc.plainString(hi) == null) {
                            problem = problem(f, r.lineNo, seq < 0 ? null : seq, "malformed", "seq, prev and hash",
                                    excerpt(b, r.start, r.end), "not a valid record: seq, prev or hash missing");
                            break fileLoop;
                        }
                        int hs = sc.valueStart[hi] + 1;
                        int hl = sc.valueEnd[hi] - hs - 1;
                        boolean good = false;
                        byte[] computed = null;
                        if (sc.compact) {
                            computed = hasher.hashCompact(b, sc, hi);
                            good = ChainHasher.hexEquals(computed, b, hs, hl);
                        }
                        if (!good) {
                            byte[] canon;
                            try {
                                canon = RecordCodec.canonicalWithoutHash(b, r.start, r.end);
                            } catch (RecordCodec.BadRecord bad) {
                                problem = problem(f, r.lineNo, seq, "malformed", "a JSON record",
                                        excerpt(b, r.start, r.end), "not a valid record: " + bad.getMessage());
                                break fileLoop;
                            }
                            computed = hasher.hash(canon, 0, canon.length);
                            good = ChainHasher.hexEquals(computed, b, hs, hl);
                            if (!good) {
                                String actual = sc.plainString(hi);
                                if (unkeyed != null && ChainHasher.hexEquals(unkeyed.hash(canon, 0, canon.length), b, hs, hl)) {
                                    problem = problem(f, r.lineNo, seq, "unkeyed_hash", ChainHasher.hex(computed), actual,
                                            "the record's hash is a plain SHA-256, not the HMAC of audit.hmac_key_file: "
                                                    + "it was rewritten by someone without the key");
                                } else {
                                    problem = problem(f, r.lineNo, seq, "hash_mismatch", ChainHasher.hex(computed), actual,
                                            w.records == 0 ? "the first record does not match its hash: the record was "
                                                    + "changed, or the key differs (audit.hmac_key_file "
                                                    + (store.hmacKey() == null ? "is not set" : "is set") + ")"
                                                    : "the record was changed after it was written");
                                }
                                break fileLoop;
                            }
                        }
                        if (seq != w.expectedSeq) {
                            boolean later = seq < w.expectedSeq || appearsLater(files, fi, r.lineNo, w.expectedSeq);
                            problem = problem(f, r.lineNo, seq, later ? "reordered" : "seq_gap", "seq " + w.expectedSeq,
                                    "seq " + seq, later ? "records are out of order" : (seq - w.expectedSeq)
                                            + " record(s) missing before this one"
                                            + (w.records == 0 && mark == null ? " (the chain must start at seq 1)" : ""));
                            break fileLoop;
                        }
                        if (!prev.equals(w.head.toString())) {
                            problem = problem(f, r.lineNo, seq, "prev_mismatch", w.head.toString(), prev,
                                    "the record does not link to the one before it"
                                            + (r.lineNo == 1 ? " (a file from a different chain?)" : ""));
                            break fileLoop;
                        }
                        if (sc.find(RecordCodec.K_ENC) >= 0) {
                            encrypted = true;
                            if (store.aesKey() == null) {
                                throw P21monException.usage("the audit log is encrypted (" + f.name() + " line " + r.lineNo
                                        + "); set audit.encryption_key_file to verify it");
                            }
                            try {
                                codec.decode(b, r.start, r.end);
                                decryptedOne = true;
                            } catch (RecordCodec.BadRecord bad) {
                                if (!decryptedOne) {
                                    throw P21monException.usage("wrong encryption key: cannot decrypt " + f.name() + " line "
                                            + r.lineNo + " (seq " + seq + ") with audit.encryption_key_file");
                                }
                                problem = problem(f, r.lineNo, seq, "decrypt_failed", "a record sealed with this key",
                                        "a record that does not decrypt", bad.getMessage());
                                break fileLoop;
                            }
                        }
                        if (anchor != null && seq == anchor.seq()) {
                            w.anchorSeen = sc.plainString(hi);
                        }
                        w.took(seq);
                        w.head.set(sc.plainString(hi));
                    }
                }
            }
        } catch (IOException e) {
            throw P21monException.failed("cannot read the audit log in " + store.dir() + ": " + e.getMessage(), e);
        } finally {
            pool.shutdownNow();
            if (ahead != null) {
                try {
                    ahead.close();
                } catch (IOException ignored) {
                    // only a read-ahead of a file not needed any more
                }
            }
        }
        warnings.addAll(tornFiles());
        warnings.addAll(store.checkIndexes());
        VerifyReport.Completeness completeness = null;
        if (anchor != null) {
            completeness = complete(anchor, w.expectedSeq - 1, w.anchorSeen, problem != null);
        }
        String status = problem != null ? "broken" : completeness != null && !completeness.complete() ? "incomplete" : "intact";
        return new VerifyReport(status, store.dir().toString(), files.size(), w.records, w.firstSeq, w.expectedSeq - 1,
                w.head.toString(), store.hmacKey() != null, encrypted, problem, completeness, warnings);
    }

    private static long size(DayFile f) {
        try {
            return Files.size(f.path());
        } catch (IOException e) {
            return 0; // pruned meanwhile: the walk will say so
        }
    }

    /**
     * Takes the lines a worker hashed and found good for as long as each links to the record before; returns true at
     * the first line that needs the full check (then {@code r} is on it), false at the end of the file. A method of its
     * own so that the JIT compiles this short loop on its own, not the whole of {@link #verify(Anchor)}.
     */
    private static boolean takeChecked(PrecheckedLines r, Walk w, Anchor anchor, boolean lastFile) throws IOException {
        while (r.next()) {
            if (!(r.fast && (r.terminated || !lastFile) && r.seq == w.expectedSeq
                    && w.head.matches(r.buf, r.prevStart, r.prevEnd))) {
                return true;
            }
            if (anchor != null && r.seq == anchor.seq()) {
                w.anchorSeen = new String(r.buf, r.hashStart, r.hashEnd - r.hashStart, StandardCharsets.US_ASCII);
            }
            w.took(r.seq);
            w.head.set(r.buf, r.hashStart, r.hashEnd);
        }
        return false;
    }

    /** How far the chain has been checked: the seq and hash the next record must link to, and what was seen. */
    private static final class Walk {
        long expectedSeq;
        final Head head;
        long records;
        long firstSeq;
        String anchorSeen;

        Walk(long expectedSeq, String prevHash) {
            this.expectedSeq = expectedSeq;
            this.head = new Head(prevHash);
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

    /**
     * The hash of the last record checked, kept as the bytes of its line (no string per record); a string only when
     * asked for.
     */
    private static final class Head {
        private byte[] bytes = new byte[64];
        private int length;
        private String text;

        Head(String hash) {
            set(hash);
        }

        void set(String hash) {
            text = hash;
            length = -1;
        }

        void set(byte[] b, int from, int to) {
            if (bytes.length < to - from) {
                bytes = new byte[to - from];
            }
            System.arraycopy(b, from, bytes, 0, to - from);
            length = to - from;
            text = null;
        }

        /** Whether {@code b[from, to)}, plain ASCII, is this hash. */
        boolean matches(byte[] b, int from, int to) {
            if (length < 0) {
                String s = text;
                if (to - from != s.length()) {
                    return false;
                }
                for (int i = 0; i < s.length(); i++) {
                    if (b[from + i] != s.charAt(i)) {
                        return false;
                    }
                }
                return true;
            }
            return java.util.Arrays.equals(bytes, 0, length, b, from, to);
        }

        @Override
        public String toString() {
            if (text == null) {
                text = new String(bytes, 0, length, StandardCharsets.US_ASCII);
            }
            return text;
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
