package io.perfect21.p21mon.cli.render;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class Utf8OutTest {
    @Test
    void textAndRawBytesComeOutInOrderAndTextIsEncodedAsOutputStreamWriterWould() {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        ByteArrayOutputStream want = new ByteArrayOutputStream();
        PrintWriter out = new Utf8Out(got);
        PrintWriter ref = new PrintWriter(new OutputStreamWriter(want, StandardCharsets.UTF_8), false);
        String big = "x".repeat(70_000) + "é"; // longer than the buffer
        byte[] raw = "{\"user_id\":\"ålice\"}".getBytes(StandardCharsets.UTF_8);
        for (PrintWriter w : new PrintWriter[]{out, ref}) {
            w.print("header ü € 😀 ");
            w.println(42);
            w.write(new char[]{'a', '\uD800', 'b'}); // an unpaired surrogate: '?'
            w.println();
            if (w == out) {
                Utf8Out.print(w, raw, 0, raw.length);
            } else {
                w.print(new String(raw, StandardCharsets.UTF_8));
            }
            w.println();
            w.print(big);
            Utf8Out.print(w, raw, 1, 4);
            w.flush();
        }
        assertThat(got.toByteArray()).isEqualTo(want.toByteArray());
    }

    @Test
    void nothingIsWrittenBeforeAFlushAndAnyOtherWriterGetsTheBytesDecoded() {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        PrintWriter out = new Utf8Out(got);
        out.print("a");
        Utf8Out.print(out, new byte[]{'b'}, 0, 1);
        assertThat(got.size()).isZero();
        out.flush();
        assertThat(got.toString(StandardCharsets.UTF_8)).isEqualTo("ab");

        StringWriter s = new StringWriter();
        byte[] raw = "ü".getBytes(StandardCharsets.UTF_8);
        Utf8Out.print(new PrintWriter(s), raw, 0, raw.length);
        assertThat(s.toString()).isEqualTo("ü");
    }
}
