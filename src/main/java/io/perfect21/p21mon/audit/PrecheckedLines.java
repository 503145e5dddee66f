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
 * Lines of one file, like {@link LineReader} ({@link #buf}{@code [start, end)}, {@link #terminated},
 * {@link #lineNo}), read in chunks of whole lines whose records are checked on worker threads ahead of the reader:
 * each line's hash needs only the line, so hashing runs in parallel while the chain's links are then checked in
 * order. A line is {@link #fast} when it is a valid compact plain record (seq, ASCII prev and hash, no {@code enc})
 * whose hash matches its content; {@link #seq}, {@link #prevStart}.. then locate its fields. Any other line is left
 * to the reader's full check, which names the problem.
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
    boolean fast;
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
        fast = c.fast[i];
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

    /** A run of lines and what a worker found out about each. */
    private static final class Chunk implements java.util.concurrent.Callable<Chunk> {
        byte[] data;
        int len;
        final byte[] hmacKey;
        int n;
        boolean unterminatedLast;
        int[] starts;
        int[] ends;
        boolean[] fast;
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
            ChainHasher hasher = hmacKey == null ? HASHER.get() : new ChainHasher(hmacKey);
            int s = 0;
            while (s < len) {
                if (n == starts.length) {
                    allocate(2 * n);
                }
                // p21mon's own layout, scanned from the line's start: a compact object holds no newline, so where it
                // ends is where the line ends if a newline (or the data's end) follows; no separate search for it
                int e = sc.scanLayoutAt(data, s, len, AuditField.KEYS, AuditField.KEY_ORDER);
                if (e >= 0 && sc.compact && (e == len || data[e] == '\n')) {
                    checkScanned(sc, hasher, n, AuditField.SEQ.ordinal(), AuditField.PREV.ordinal(),
                            AuditField.HASH.ordinal());
                } else {
                    e = LineSource.newline(data, s, len);
                    check(sc, hasher, n, s, e);
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
            fast = fast == null ? new boolean[cap] : Arrays.copyOf(fast, cap);
            seq = seq == null ? new long[cap] : Arrays.copyOf(seq, cap);
            prevStart = prevStart == null ? new int[cap] : Arrays.copyOf(prevStart, cap);
            prevEnd = prevEnd == null ? new int[cap] : Arrays.copyOf(prevEnd, cap);
            hashStart = hashStart == null ? new int[cap] : Arrays.copyOf(hashStart, cap);
            hashEnd = hashEnd == null ? new int[cap] : Arrays.copyOf(hashEnd, cap);
        }

        /** Checks a line not in p21mon's own layout (or not valid): the general scan finds its members. */
        private void check(LineScanner sc, ChainHasher hasher, int k, int from, int to) {
            fast[k] = false; // a reused chunk still holds the flags of its last lines
            if (!sc.scan(data, from, to) || sc.find(RecordCodec.K_ENC) >= 0) {
                return;
            }
            checkScanned(sc, hasher, k, sc.find(AuditField.SEQ.bytes), sc.find(AuditField.PREV.bytes),
                    sc.find(AuditField.HASH.bytes));
        }

        /** Checks a scanned line's record given where its seq, prev and hash members are (-1: missing). */
        private void checkScanned(LineScanner sc, ChainHasher hasher, int k, int si, int pi, int hi) {
            fast[k] = false;
            if (!sc.compact || si < 0 || pi < 0 || hi < 0 || !plainAscii(sc, pi) || !plainAscii(sc, hi)) {
                return;
            }
            long v = sc.longValue(si);
            if (v < 0) {
                return;
            }
            int hs = sc.valueStart[hi] + 1;
            int hl = sc.valueEnd[hi] - hs - 1;
            if (!ChainHasher.hexEquals(hasher.hashCompact(data, sc, hi), data, hs, hl)) {
                return;
            }
            fast[k] = true;
            seq[k] = v;
            prevStart[k] = sc.valueStart[pi] + 1;
            prevEnd[k] = sc.valueEnd[pi] - 1;
            hashStart[k] = hs;
            hashEnd[k] = hs + hl;
        }

        /** A string value without escapes and all ASCII: its bytes are its characters. */
        private boolean plainAscii(LineScanner sc, int i) {
            int s = sc.valueStart[i];
            int e = sc.valueEnd[i];
            if (e - s < 2 || data[s] != '"') {
                return false;
            }
            for (int p = s + 1; p < e - 1; p++) {
                if (data[p] == '\\' || data[p] < 0) {
                    return false;
                }
            }
            return true;
        }
    }
}
