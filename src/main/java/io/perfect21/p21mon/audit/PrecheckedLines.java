package io.perfect21.p21mon.audit;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Lines of one file, like {@link LineSource#next} ({@link #buf}{@code [start, end)}, {@link #terminated},
 * {@link #lineNo}), read in blocks of whole lines ({@link LineSource#nextBlock}) whose records are checked on worker
 * threads ahead of the reader: what a line says on its own (valid JSON, seq, prev and hash present, the hash matching
 * its content) needs only the line, so it runs in parallel; the chain's links are then checked in order by
 * {@link AuditVerifier}. A line is {@link #good} when it passed, and {@link #seq}, {@link #prevStart}.. locate its
 * fields ({@link #encrypted}: it still has to be decrypted); else {@link #defect} says why it is not a record.
 */
final class PrecheckedLines implements Closeable {
    private static final int CHUNK = 1 << 20;
    private static final ThreadLocal<LineScanner> SCANNER = ThreadLocal.withInitial(LineScanner::new);
    private static final ThreadLocal<ChainHasher> HASHER = ThreadLocal.withInitial(() -> new ChainHasher(null));
    private final LineSource lines;
    private final ExecutorService pool;
    private final int depth;
    private final byte[] hmacKey;
    private final ArrayDeque<Future<Chunk>> ahead = new ArrayDeque<>();
    private final ArrayDeque<Chunk> free = new ArrayDeque<>(); // chunks read through, reused (less garbage to collect)
    private boolean eof;
    private Chunk cur;
    private int idx;

    byte[] buf;
    int start;
    int end;
    long lineNo;
    boolean terminated;
    boolean good;
    Defect defect;
    boolean encrypted;
    long seq;
    int prevStart;
    int prevEnd;
    int hashStart;
    int hashEnd;

    PrecheckedLines(InputStream in, ExecutorService pool, int depth, byte[] hmacKey) {
        this.lines = new LineSource(in);
        this.pool = pool;
        this.depth = depth;
        this.hmacKey = hmacKey;
    }

    private Runnable onChunk = () -> { };

    /** Runs {@code action} each time the reader moves on to the next chunk of lines (not per line). */
    PrecheckedLines onChunk(Runnable action) {
        this.onChunk = action;
        return this;
    }

    /** Reads at most this many bytes of the stream (a snapshot of a file that may grow). */
    PrecheckedLines limit(long bytes) {
        lines.limit(bytes);
        return this;
    }

    boolean next() throws IOException {
        while (cur == null || idx >= cur.n) {
            while (ahead.size() < depth && !eof) {
                Chunk c = read();
                if (c != null) {
                    ahead.add(pool.submit(c));
                }
            }
            if (ahead.isEmpty()) {
                return false;
            }
            if (cur != null) {
                free.add(cur); // the caller is done with its lines once it asks for the next
                cur = null;
            }
            try {
                cur = ahead.poll().get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException(e.getCause());
            }
            idx = 0;
            onChunk.run();
        }
        Chunk c = cur;
        int i = idx++;
        buf = c.data;
        start = c.starts[i];
        end = c.ends[i];
        terminated = i < c.n - 1 || !c.unterminatedLast;
        defect = c.defect[i];
        good = defect == null;
        encrypted = c.encrypted[i];
        seq = c.seq[i];
        prevStart = c.prevStart[i];
        prevEnd = c.prevEnd[i];
        hashStart = c.hashStart[i];
        hashEnd = c.hashEnd[i];
        lineNo++;
        return true;
    }

    /** The next chunk of whole lines (the rest of the stream at its end), or null when nothing is left. */
    private Chunk read() throws IOException {
        Chunk reused = free.poll();
        int len = lines.nextBlock(reused != null ? reused.data : new byte[CHUNK]);
        if (len < 0) {
            eof = true;
            return null;
        }
        return chunk(reused, lines.block, len);
    }

    private Chunk chunk(Chunk reused, byte[] data, int len) {
        if (reused == null) {
            return new Chunk(data, len, hmacKey);
        }
        reused.reset(data, len);
        return reused;
    }

    @Override
    public void close() throws IOException {
        for (Future<Chunk> f : ahead) {
            f.cancel(false);
        }
        lines.close();
    }

    /**
     * Why a line is not a good record on its own: a {@code verdict} of {@link VerifyReport.Problem}, what was expected
     * and found ({@code actual} null: the line itself), and a message (null for a hash mismatch, which the reader
     * words knowing whether it is the first record).
     */
    record Defect(String verdict, String expected, String actual, String message) {
        static Defect malformed(String expected, String why) {
            return new Defect("malformed", expected, null, "not a valid record: " + why);
        }
    }

    /** A run of lines and what a worker found out about each. */
    private static final class Chunk implements java.util.concurrent.Callable<Chunk> {
        byte[] data;
        int len;
        final byte[] hmacKey;
        int n;
        boolean unterminatedLast;
        int[] starts;
        int[] ends;
        Defect[] defect;
        boolean[] encrypted;
        long[] seq;
        int[] prevStart;
        int[] prevEnd;
        int[] hashStart;
        int[] hashEnd;

        Chunk(byte[] data, int len, byte[] hmacKey) {
            this.data = data;
            this.len = len;
            this.hmacKey = hmacKey;
        }

        void reset(byte[] data, int len) {
            this.data = data;
            this.len = len;
            n = 0;
            unterminatedLast = false;
        }

        @Override
        public Chunk call() {
            if (starts == null || starts.length < len / 256 + 16) {
                allocate(len / 256 + 16);
            }
            LineScanner sc = SCANNER.get();
            ChainHasher unkeyed = HASHER.get();
            ChainHasher hasher = hmacKey == null ? unkeyed : new ChainHasher(hmacKey);
            int s = 0;
            while (s < len) {
                if (n == starts.length) {
                    allocate(2 * n);
                }
                // p21mon's own layout, scanned from the line's start: a compact object holds no newline, so where it
                // ends is where the line ends if a newline (or the data's end) follows; no separate search for it
                int e = sc.scanLayoutAt(data, s, len, AuditField.KEYS, AuditField.KEY_ORDER);
                if (e >= 0 && sc.compact && (e == len || data[e] == '\n')) {
                    encrypted[n] = false;
                    defect[n] = check(sc, hasher, unkeyed, n, s, e, AuditField.SEQ.ordinal(),
                            AuditField.PREV.ordinal(), AuditField.HASH.ordinal());
                } else {
                    e = LineSource.newline(data, s, len);
                    defect[n] = check(sc, hasher, unkeyed, n, s, e);
                }
                starts[n] = s;
                ends[n] = e;
                n++;
                if (e == len) {
                    unterminatedLast = true;
                    break;
                }
                s = e + 1;
            }
            return this;
        }

        private void allocate(int cap) {
            starts = starts == null ? new int[cap] : Arrays.copyOf(starts, cap);
            ends = ends == null ? new int[cap] : Arrays.copyOf(ends, cap);
            defect = defect == null ? new Defect[cap] : Arrays.copyOf(defect, cap);
            encrypted = encrypted == null ? new boolean[cap] : Arrays.copyOf(encrypted, cap);
            seq = seq == null ? new long[cap] : Arrays.copyOf(seq, cap);
            prevStart = prevStart == null ? new int[cap] : Arrays.copyOf(prevStart, cap);
            prevEnd = prevEnd == null ? new int[cap] : Arrays.copyOf(prevEnd, cap);
            hashStart = hashStart == null ? new int[cap] : Arrays.copyOf(hashStart, cap);
            hashEnd = hashEnd == null ? new int[cap] : Arrays.copyOf(hashEnd, cap);
        }

        /** Checks a line not in p21mon's own layout: the general scan finds its members, or why it is no JSON record. */
        private Defect check(LineScanner sc, ChainHasher hasher, ChainHasher unkeyed, int k, int from, int to) {
            seq[k] = -1;
            if (!sc.scan(data, from, to)) {
                return Defect.malformed("a JSON record", sc.error);
            }
            encrypted[k] = sc.find(RecordCodec.K_ENC) >= 0;
            return check(sc, hasher, unkeyed, k, from, to, sc.find(AuditField.SEQ.bytes), sc.find(AuditField.PREV.bytes),
                    sc.find(AuditField.HASH.bytes));
        }

        /**
         * Checks a scanned line's record given where its seq, prev and hash members are (-1: missing): they are there
         * and plain, and the hash is that of the line's canonical form (the members reordered when the line is
         * compact; else parsed and re-encoded).
         */
        private Defect check(LineScanner sc, ChainHasher hasher, ChainHasher unkeyed, int k, int from, int to,
                             int si, int pi, int hi) {
            long v = si < 0 ? -1 : sc.longValue(si);
            seq[k] = v < 0 ? -1 : v;
            if (v < 0 || pi < 0 || hi < 0 || !plain(sc, pi) || !plain(sc, hi)) {
                return Defect.malformed("seq, prev and hash", "seq, prev or hash missing");
            }
            int hs = sc.valueStart[hi] + 1;
            int hl = sc.valueEnd[hi] - hs - 1;
            prevStart[k] = sc.valueStart[pi] + 1;
            prevEnd[k] = sc.valueEnd[pi] - 1;
            hashStart[k] = hs;
            hashEnd[k] = hs + hl;
            if (sc.compact && ChainHasher.hexEquals(hasher.hashCompact(data, sc, hi), data, hs, hl)) {
                return null;
            }
            byte[] canon;
            try {
                canon = RecordCodec.canonicalWithoutHash(data, from, to);
            } catch (RecordCodec.BadRecord bad) {
                return Defect.malformed("a JSON record", bad.getMessage());
            }
            byte[] computed = hasher.hash(canon, 0, canon.length);
            if (ChainHasher.hexEquals(computed, data, hs, hl)) {
                return null;
            }
            String actual = new String(data, hs, hl, java.nio.charset.StandardCharsets.UTF_8);
            if (hmacKey != null && ChainHasher.hexEquals(unkeyed.hash(canon, 0, canon.length), data, hs, hl)) {
                return new Defect("unkeyed_hash", ChainHasher.hex(computed), actual, "the record's hash is a plain "
                        + "SHA-256, not the HMAC of audit.hmac_key_file: it was rewritten by someone without the key");
            }
            return new Defect("hash_mismatch", ChainHasher.hex(computed), actual, null);
        }

        /** A string value without escapes: its bytes are its characters' UTF-8. */
        private boolean plain(LineScanner sc, int i) {
            int s = sc.valueStart[i];
            int e = sc.valueEnd[i];
            if (e - s < 2 || data[s] != '"') {
                return false;
            }
            for (int p = s + 1; p < e - 1; p++) {
                if (data[p] == '\\') {
                    return false;
                }
            }
            return true;
        }
    }
}
