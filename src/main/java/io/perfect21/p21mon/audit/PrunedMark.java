package io.perfect21.p21mon.audit;

import io.perfect21.p21mon.IoErrors;
import io.perfect21.p21mon.AtomicFiles;
import io.perfect21.p21mon.P21monException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code DIR/.pruned.json}: the last record removed by {@code audit prune} (its seq and hash), so the remaining chain
 * still starts from a known link and {@code verify} can tell a pruned start from a deleted one.
 */
record PrunedMark(long seq, String hash, String file) {

    static PrunedMark read(Path dir) {
        Path p = dir.resolve(AuditStore.PRUNED);
        try {
            byte[] b = Files.readAllBytes(p);
            Map<String, Object> m = RecordCodec.parseObject(b, 0, b.length);
            return new PrunedMark(((Number) m.get("seq")).longValue(), (String) m.get("hash"), (String) m.get("file"));
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException | RecordCodec.BadRecord | RuntimeException e) {
            throw P21monException.failed(p + " is damaged (" + IoErrors.describe(e) + "); it records where pruning cut the chain");
        }
    }

    void write(Path dir) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seq", seq);
        m.put("hash", hash);
        m.put("file", file);
        ByteBuf b = new ByteBuf(200);
        Jcs.object(b, m);
        b.put((byte) '\n');
        AtomicFiles.write(dir.resolve(AuditStore.PRUNED), b.toArray(), PosixFilePermissions.fromString("rw-------"), true);
    }

}
