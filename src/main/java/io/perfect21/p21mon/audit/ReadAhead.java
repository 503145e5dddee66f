package io.perfect21.p21mon.audit;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * An input stream read (and, for a gzip file, inflated) by a background thread a few blocks ahead of its reader, so
 * decompression and hashing or filtering run on two cores. Memory: at most {@value #DEPTH} blocks of 1 MiB.
 */
final class ReadAhead extends InputStream {
    private static final int DEPTH = 8;
    private static final int BLOCK = 1 << 20;
    private static final byte[] EOF = new byte[0];
    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(DEPTH);
    private final BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(DEPTH + 2);
    private final Thread thread;
    private final InputStream in;
    private volatile boolean closed;
    private byte[] cur = new byte[0];
    private int curLen;
    private int pos;
    private boolean done;

    ReadAhead(InputStream in, String name) {
        this.in = in;
        this.thread = new Thread(this::pump, "audit-read-ahead " + name);
        thread.setDaemon(true);
        thread.start();
    }

    private void pump() {
        try {
            while (!closed) {
                byte[] b = free.poll();
                if (b == null) {
                    b = new byte[BLOCK];
                }
                int n = in.readNBytes(b, 0, BLOCK);
                if (n > 0) {
                    queue.put(n == BLOCK ? b : java.util.Arrays.copyOf(b, n));
                }
                if (n < BLOCK) {
                    queue.put(EOF);
                    return;
                }
            }
        } catch (IOException e) {
            try {
                queue.put(e);
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean next() throws IOException {
        if (done) {
            return false;
        }
        Object o;
        try {
            o = queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted");
        }
        if (o instanceof IOException e) {
            done = true;
            throw e;
        }
        byte[] b = (byte[]) o;
        if (cur.length == BLOCK) {
            free.offer(cur); // recycled: the reader has consumed it
        }
        if (b == EOF) {
            done = true;
            return false;
        }
        cur = b;
        curLen = b.length;
        pos = 0;
        return true;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (pos == curLen && !next()) {
            return -1;
        }
        int n = Math.min(len, curLen - pos);
        System.arraycopy(cur, pos, b, off, n);
        pos += n;
        return n;
    }

    @Override
    public void close() throws IOException {
        closed = true;
        thread.interrupt();
        queue.clear();
        in.close();
    }
}
