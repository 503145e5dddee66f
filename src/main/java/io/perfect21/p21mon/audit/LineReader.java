package io.perfect21.p21mon.audit;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads lines as byte ranges of one large buffer, without decoding them: {@link #buf}{@code [start, end)} is the
 * current line without its newline. {@link #terminated} tells whether it ended in a newline (a last line that did not
 * is a torn or in-flight write). Memory is the buffer, whatever the file size.
 */
final class LineReader implements Closeable {
    private final InputStream in;
    byte[] buf = new byte[1 << 20];
    int start;
    int end;
    long lineNo;
    boolean terminated;
    private int pos;
    private int limit;
    private boolean eof;
    private long limitBytes = Long.MAX_VALUE;
    private long consumed;

    LineReader(InputStream in) {
        this.in = in;
    }

    /** Reads at most this many bytes of the stream (a snapshot of a file that may grow). */
    LineReader limit(long bytes) {
        this.limitBytes = bytes;
        return this;
    }

    boolean next() throws IOException {
        while (true) {
            for (int i = pos; i < limit; i++) {
                if (buf[i] == '\n') {
                    start = pos;
                    end = i;
                    pos = i + 1;
                    terminated = true;
                    lineNo++;
                    return true;
                }
            }
            if (eof) {
                if (pos < limit) {
                    start = pos;
                    end = limit;
                    pos = limit;
                    terminated = false;
                    lineNo++;
                    return true;
                }
                return false;
            }
            fill();
        }
    }

    private void fill() throws IOException {
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, limit - pos);
            limit -= pos;
            pos = 0;
        }
        if (limit == buf.length) {
            buf = Arrays.copyOf(buf, buf.length * 2);
        }
        long room = Math.min(buf.length - limit, limitBytes - consumed);
        int n = room <= 0 ? -1 : in.read(buf, limit, (int) room);
        if (n < 0) {
            eof = true;
        } else {
            limit += n;
            consumed += n;
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
