package io.perfect21.p21mon.audit;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the bytes read through it into a shared counter, for {@link AuditProgress}: a file's own bytes under a
 * gunzip (which may read ahead on another thread).
 */
final class CountingInputStream extends FilterInputStream {
    private final AtomicLong counter;

    CountingInputStream(InputStream in, AtomicLong counter) {
        super(in);
        this.counter = counter;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            counter.incrementAndGet();
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) {
            counter.addAndGet(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = super.skip(n);
        counter.addAndGet(skipped);
        return skipped;
    }
}
