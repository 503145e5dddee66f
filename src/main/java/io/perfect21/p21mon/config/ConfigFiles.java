package io.perfect21.p21mon.config;

import io.perfect21.p21mon.AtomicFiles;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** The commented example configuration that {@code p21mon config init} writes. */
public final class ConfigFiles {
    private static final String EXAMPLE = "/io/perfect21/p21mon/config/p21mon.example.yaml";

    private ConfigFiles() {
    }

    /** The example file's text: every section with its defaults, commented. */
    public static String example() {
        try (InputStream in = ConfigFiles.class.getResourceAsStream(EXAMPLE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + EXAMPLE);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the text atomically, mode 0600 (a config may hold secrets); refuses to replace a file unless forced. */
    public static void write(Path target, String text, boolean force) {
        AtomicFiles.write(target, text.getBytes(StandardCharsets.UTF_8), PosixFilePermissions.fromString("rw-------"), force);
    }
}
