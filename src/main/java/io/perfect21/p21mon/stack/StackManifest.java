package io.perfect21.p21mon.stack;

import io.perfect21.p21mon.IoErrors;
import com.fasterxml.jackson.databind.JsonNode;
import io.perfect21.p21mon.AtomicFiles;
import io.perfect21.p21mon.Json;
import io.perfect21.p21mon.P21monException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The record {@code stack config} keeps in {@code .p21mon-stack.json}: the stack format and the p21mon version that
 * wrote it, the profiles, and the SHA-256 of every file as written, so a re-run can tell a file the user edited
 * (hash differs: kept) from one it may replace.
 */
public record StackManifest(int format, String p21mon, List<String> with, Map<String, String> files) {

    public StackManifest {
        with = List.copyOf(with);
        files = new TreeMap<>(files);
    }

    /** The manifest of the stack dir, or null when there is none (a fresh or foreign directory). */
    public static StackManifest read(StackLayout layout) {
        if (!Files.exists(layout.manifest())) {
            return null;
        }
        JsonNode node;
        try {
            node = Json.mapper().readTree(Files.readString(layout.manifest(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw P21monException.usage(layout.manifest() + " is not a p21mon stack manifest (" + IoErrors.describe(e)
                    + "); move it aside and run 'p21mon stack config' again");
        }
        int format = node.path("format").asInt(-1);
        String version = node.path("p21mon").asText("unknown");
        if (format != StackLayout.FORMAT) {
            throw P21monException.usage(layout.dir() + " was written by p21mon " + version + " (stack format " + format
                    + "); this p21mon reads stack format " + StackLayout.FORMAT + ". Stop it with that version "
                    + "('p21mon stack down' here still stops what its pid files name), then move the directory aside "
                    + "and run 'p21mon stack config' again");
        }
        List<String> with = Json.mapper().convertValue(node.path("with"),
                Json.mapper().getTypeFactory().constructCollectionType(List.class, String.class));
        Map<String, String> files = Json.mapper().convertValue(node.path("files"),
                Json.mapper().getTypeFactory().constructMapType(TreeMap.class, String.class, String.class));
        return new StackManifest(format, version, with == null ? List.of() : with, files == null ? Map.of() : files);
    }

    /** The manifest of the stack dir; a usage error when {@code stack config} has not written one. */
    public static StackManifest require(StackLayout layout) {
        StackManifest m = read(layout);
        if (m == null) {
            throw P21monException.usage(layout.dir() + " holds no p21mon stack; run 'p21mon stack config --dir "
                    + layout.dir() + "' first");
        }
        return m;
    }

    void write(StackLayout layout) {
        try {
            AtomicFiles.write(layout.manifest(), Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(this) + "\n");
        } catch (IOException e) {
            throw P21monException.failed("cannot write " + layout.manifest() + ": " + IoErrors.describe(layout.manifest(), e), e);
        }
    }

    /** The profiles of the stack written; a name this p21mon does not know is a usage error naming the manifest. */
    public java.util.Set<StackProfile> profiles() {
        try {
            return StackProfile.parseAll(with);
        } catch (IllegalArgumentException e) {
            throw P21monException.usage("stack manifest: " + e.getMessage() + "; run 'p21mon stack config' again");
        }
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
