package io.perfect21.p21mon.cli.render;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * Standard output as a {@link PrintWriter} that also takes bytes already in UTF-8, in order with the text around
 * them: {@code audit query -o jsonl} prints stored lines as they are, where encoding them to chars and back cost as
 * much as finding them. Text is encoded to UTF-8 as {@code OutputStreamWriter} would (unpaired surrogates as '?').
 *
 * <pre>{@code
 * PrintWriter out = new Utf8Out(System.out);
 * Utf8Out.print(out, lineBytes, 0, lineBytes.length); // or out.print(text) on any PrintWriter
 * }</pre>
 */
public final class Utf8Out extends PrintWriter {
    private final Bytes bytes;

    public Utf8Out(OutputStream stream) {
        this(new Bytes(stream));
    }

    private Utf8Out(Bytes bytes) {
        super(bytes, false);
        this.bytes = bytes;
    }

    /** Prints UTF-8 bytes on {@code out}: written as they are on a {@code Utf8Out}, decoded on any other writer. */
    public static void print(PrintWriter out, byte[] b, int off, int len) {
        if (out instanceof Utf8Out u) {
            synchronized (u.lock) {
                try {
                    u.bytes.raw(b, off, len);
                } catch (IOException e) {
                    u.setError();
                }
            }
        } else {
            out.print(new String(b, off, len, StandardCharsets.UTF_8));
        }
    }

    /** The writer under the PrintWriter: one byte buffer that text is encoded into and raw bytes are copied into. */
    private static final class Bytes extends Writer {
        private final OutputStream stream;
        private final byte[] buf = new byte[8192]; // as OutputStreamWriter: output appears as often as it did
        private int n;

        Bytes(OutputStream stream) {
            this.stream = stream;
        }

        @Override
        public void write(char[] c, int off, int len) throws IOException {
            write(new String(c, off, len), 0, len);
        }

        @Override
        public void write(String s, int off, int len) throws IOException {
            byte[] b = (off == 0 && len == s.length() ? s : s.substring(off, off + len)).getBytes(StandardCharsets.UTF_8);
            raw(b, 0, b.length);
        }

        void raw(byte[] b, int off, int len) throws IOException {
            if (len > buf.length - n) {
                drain();
                if (len > buf.length) {
                    stream.write(b, off, len);
                    return;
                }
            }
            System.arraycopy(b, off, buf, n, len);
            n += len;
        }

        private void drain() throws IOException {
            if (n > 0) {
                stream.write(buf, 0, n);
                n = 0;
            }
        }

        @Override
        public void flush() throws IOException {
            drain();
            stream.flush();
        }

        @Override
        public void close() throws IOException {
            flush();
            stream.close();
        }
    }
}
