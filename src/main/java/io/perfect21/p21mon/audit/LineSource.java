package io.perfect21.p21mon.audit;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * The one line source of the audit package: reads a stream (a day file, plain or gzip, an index's day file from an
 * offset, an import's input) as blocks of whole lines, and the lines as byte ranges, never decoding them. Two ways to
 * read, not to be mixed on one source:
 * <ul>
 *   <li>{@link #nextBlock}: the next whole lines into a given array (for readers that hand blocks to worker threads,
 *       or scan a block at once);</li>
 *   <li>{@link #next}: line by line, {@link #buf}{@code [start, end)} without its newline; {@link #terminated} tells
 *       whether it ended in one (a last line that did not is a torn or in-flight write).</li>
 * </ul>
 * Memory is one block (1 MiB, more only for a longer line), whatever the stream's size.
 */
final class LineSource implements Closeable {
    static final int BLOCK = 1 << 20;
    private final InputStream in;
    private byte[] carry = new byte[0]; // the start of a line the last block could not hold whole
    private int carryLen;
    private boolean eof;
    private long limitBytes = Long.MAX_VALUE;
    private long consumed;

    /** The array the last block was read into (the one given, or a larger one for a long line). */
    byte[] block;
    /** The stream offset of the last block's first byte. */
    long blockOffset;

    byte[] buf; // allocated by the first next(): a block reader never needs it (1 MiB of fresh heap costs ~3 ms at start)
    int start;
    int end;
    long lineNo;
    boolean terminated;
    private int pos;
    private int blockLen;

    LineSource(InputStream in) {
        this.in = in;
    }

    /** Reads at most this many bytes of the stream (a snapshot of a file that may grow). */
    LineSource limit(long bytes) {
        this.limitBytes = bytes;
        return this;
    }

    /**
     * Reads the next whole lines into {@code into} (or, for a line longer than it, into a larger array: see
     * {@link #block}), each with its newline, filling the array as far as whole lines go. At the end of the stream the
     * block holds the rest, whose last line may lack its newline. Returns the block's length, or -1 when nothing is
     * left.
     */
    int nextBlock(byte[] into) throws IOException {
        byte[] data = into.length > carryLen ? into : new byte[Math.max(BLOCK, carryLen * 2)];
        System.arraycopy(carry, 0, data, 0, carryLen);
        int len = carryLen;
        blockOffset = consumed - carryLen;
        carryLen = 0;
        while (true) {
            long room = Math.min(data.length - len, limitBytes - consumed);
            int got = eof || room <= 0 ? -1 : in.read(data, len, (int) room);
            if (got < 0) {
                eof = true;
                block = data;
                return len == 0 ? -1 : len;
            }
            len += got;
            consumed += got;
            if (len < data.length) {
                continue;
            }
            int nl = lastNewline(data, 0, len);
            if (nl < 0) {
                data = Arrays.copyOf(data, data.length * 2); // a line longer than the block
                continue;
            }
            carryLen = len - nl - 1;
            if (carry.length < carryLen) {
                carry = new byte[Math.max(carryLen, BLOCK)];
            }
            System.arraycopy(data, nl + 1, carry, 0, carryLen);
            block = data;
            return nl + 1;
        }
    }

    /** Moves to the next line; false at the end of the stream. */
    boolean next() throws IOException {
        while (pos >= blockLen) {
            blockLen = nextBlock(buf != null ? buf : new byte[BLOCK]);
            if (blockLen < 0) {
                blockLen = 0;
                return false;
            }
            buf = block;
            pos = 0;
        }
        start = pos;
        end = newline(buf, pos, blockLen);
        terminated = end < blockLen;
        pos = end + 1;
        lineNo++;
        return true;
    }

    /** The stream offset of the current line. */
    long offset() {
        return blockOffset + start;
    }

    /** The index of the first newline in {@code b[from, to)}, or {@code to}: a small method, so it is compiled early. */
    static int newline(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return to;
    }

    /** The index of the last newline in {@code b[from, to)}, or -1. */
    static int lastNewline(byte[] b, int from, int to) {
        for (int i = to - 1; i >= from; i--) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
