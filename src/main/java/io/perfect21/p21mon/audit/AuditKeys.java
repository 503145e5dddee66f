package io.perfect21.p21mon.audit;

import io.perfect21.p21mon.IoErrors;
import io.perfect21.p21mon.P21monException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

/**
 * Reads the key files of {@code audit.hmac_key_file} and {@code audit.encryption_key_file}: 64 hex digits, base64, or
 * raw bytes (a trailing newline is ignored). An AES key must be 16, 24 or 32 bytes; an HMAC key at least 16.
 */
public final class AuditKeys {
    private AuditKeys() {
    }

    /** The HMAC key, or null when no file is configured. */
    public static byte[] hmac(Path file) {
        byte[] k = read(file, "audit.hmac_key_file");
        if (k != null && k.length < 16) {
            throw P21monException.usage("audit.hmac_key_file " + file + ": the key is " + k.length
                    + " bytes; use at least 16 (e.g. head -c 32 /dev/urandom | base64 > " + file + ")");
        }
        return k;
    }

    /** The AES key, or null when no file is configured. */
    public static byte[] aes(Path file) {
        byte[] k = read(file, "audit.encryption_key_file");
        if (k != null && k.length != 16 && k.length != 24 && k.length != 32) {
            throw P21monException.usage("audit.encryption_key_file " + file + ": an AES key is 16, 24 or 32 bytes, "
                    + "this one is " + k.length + " (e.g. head -c 32 /dev/urandom | base64 > " + file + ")");
        }
        return k;
    }

    private static byte[] read(Path file, String key) {
        if (file == null) {
            return null;
        }
        byte[] raw;
        try {
            raw = Files.readAllBytes(file);
        } catch (java.nio.file.NoSuchFileException e) {
            throw P21monException.usage(key + ": " + file + " does not exist");
        } catch (IOException e) {
            throw P21monException.usage(key + ": cannot read " + file + ": " + IoErrors.describe(file, e));
        }
        String text = new String(raw, StandardCharsets.ISO_8859_1).strip();
        if (text.matches("[0-9a-fA-F]{32,}") && text.length() % 2 == 0) {
            byte[] out = new byte[text.length() / 2];
            for (int i = 0; i < out.length; i++) {
                out[i] = (byte) Integer.parseInt(text.substring(2 * i, 2 * i + 2), 16);
            }
            return out;
        }
        if (text.matches("[A-Za-z0-9+/]{16,}={0,2}")) {
            try {
                return Base64.getDecoder().decode(text);
            } catch (IllegalArgumentException notBase64) {
                // fall through to raw bytes
            }
        }
        int n = raw.length;
        while (n > 0 && (raw[n - 1] == '\n' || raw[n - 1] == '\r')) {
            n--;
        }
        return java.util.Arrays.copyOf(raw, n);
    }
}
