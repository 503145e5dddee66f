package io.perfect21.p21mon.audit;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A growable byte buffer for building lines without intermediate strings (the hot path of append and verify). */
final class ByteBuf {
    byte[] bytes;
    int length;

    ByteBuf(int capacity) {
        bytes = new byte[capacity];
    }

    void clear() {
        length = 0;
    }

    void ensure(int extra) {
        if (length + extra > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + extra));
        }
    }

    ByteBuf put(byte b) {
        ensure(1);
        bytes[length++] = b;
        return this;
    }

    ByteBuf put(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, bytes, length, len);
        length += len;
        return this;
    }

    ByteBuf put(byte[] b) {
        return put(b, 0, b.length);
    }

    /** Appends ASCII text (keys, numbers, hex). */
    ByteBuf ascii(String s) {
        int n = s.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            bytes[length++] = (byte) s.charAt(i);
        }
        return this;
    }

    ByteBuf decimal(long v) {
        return ascii(Long.toString(v));
    }

    byte[] toArray() {
        return Arrays.copyOf(bytes, length);
    }

    @Override
    public String toString() {
        return new String(bytes, 0, length, StandardCharsets.UTF_8);
    }
}
