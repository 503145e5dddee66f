package io.perfect21.p21mon.audit;

import io.perfect21.p21mon.IoErrors;
import io.perfect21.p21mon.P21monException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Anchors as JSON ({@code {"seq":N,"hash":"…","host":"…","timestamp":"…"}}): taken from the store's head, appended to a
 * file as one line (the file keeps the history; the last line is the anchor), read back from a file or a body.
 */
public final class AnchorIo {
    private AnchorIo() {
    }

    /** The store's current head as an anchor. */
    public static Anchor head(AuditStore store) {
        ChainHead.Head h = store.locked(() -> store.head(store.files()));
        return new Anchor(h.seq(), h.hash(), store.host(), store.clock().instant(), store.dir().toString());
    }

    public static String json(Anchor a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seq", a.seq());
        m.put("hash", a.hash());
        m.put("host", a.host());
        m.put("timestamp", Timestamps.format(a.timestamp()));
        ByteBuf b = new ByteBuf(200);
        Jcs.object(b, m);
        return b.toString();
    }

    /** Appends the anchor to the file (created 0600), durably. */
    public static void appendTo(Path file, Anchor a) {
        byte[] line = (json(a) + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            if (file.toAbsolutePath().getParent() != null) {
                Files.createDirectories(file.toAbsolutePath().getParent());
            }
            try (FileChannel ch = FileChannel.open(file, java.util.EnumSet.of(StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE, StandardOpenOption.APPEND), java.nio.file.attribute.PosixFilePermissions
                    .asFileAttribute(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")))) {
                ByteBuffer bb = ByteBuffer.wrap(line);
                while (bb.hasRemaining()) {
                    ch.write(bb);
                }
                ch.force(false);
            }
        } catch (IOException e) {
            throw P21monException.failed("cannot write the anchor to " + file + ": " + IoErrors.describe(file, e), e);
        }
    }

    /** The last anchor in a file. */
    public static Anchor readFile(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw P21monException.usage("--anchor " + file + ": cannot read it (" + IoErrors.describe(file, e) + ")");
        }
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (!lines.get(i).isBlank()) {
                return parse(lines.get(i), file.toString());
            }
        }
        throw P21monException.usage("--anchor " + file + ": the file holds no anchor");
    }

    /** An anchor from its JSON. */
    public static Anchor parse(String json, String source) {
        try {
            byte[] b = json.strip().getBytes(StandardCharsets.UTF_8);
            Map<String, Object> m = RecordCodec.parseObject(b, 0, b.length);
            Object seq = m.get("seq");
            Object hash = m.get("hash");
            if (!(seq instanceof Long s) || !(hash instanceof String h)) {
                throw new RecordCodec.BadRecord("seq or hash missing", false);
            }
            Object ts = m.get("timestamp");
            return new Anchor(s, h, (String) m.get("host"), ts instanceof String t ? Instant.parse(t) : null, source);
        } catch (RecordCodec.BadRecord | RuntimeException e) {
            throw P21monException.usage("anchor from " + source + " is not an anchor: " + e.getMessage());
        }
    }
}
