package io.perfect21.p21mon.audit;

import io.perfect21.p21mon.client.LokiClient;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Ships appended records to Loki ({@code audit.loki_url}) after they are on disk: one stream per (host, type, level)
 * with the labels {@code job="p21mon_audit"}, {@code host}, {@code type}, {@code level}, the record's JSON line as
 * the log line, in pushes of at most {@value #PUSH} lines, retried with backoff on 429, 5xx and network errors.
 * What still fails waits in {@code DIR/.loki-spool.jsonl} and goes first on the next shipment; a batch Loki refuses
 * outright (400: too old, too large) is reported and stays only in the local log. Encrypted stores are not shipped
 * (Loki would receive plaintext).
 */
final class LokiShipper {
    static final String SPOOL = ".loki-spool.jsonl";
    static final int PUSH = 1000;
    private final LokiClient client;
    private final Path spool;
    private final long[] backoffMillis;

    LokiShipper(String url, Path dir, long... backoffMillis) {
        this.client = new LokiClient(url, "audit.loki_url");
        this.spool = dir.resolve(SPOOL);
        this.backoffMillis = backoffMillis.length == 0 ? new long[]{200, 1000} : backoffMillis;
    }

    /** Ships the records (and any spooled ones first). Call under the store lock. */
    void ship(List<AuditRecord> records, Consumer<String> warnings) {
        List<String> lines = new ArrayList<>(spooled());
        boolean hadSpool = !lines.isEmpty();
        records.forEach(r -> lines.add(AuditJson.line(r)));
        for (int from = 0; from < lines.size(); from += PUSH) {
            List<String> part = lines.subList(from, Math.min(lines.size(), from + PUSH));
            try {
                pushWithRetry(part);
            } catch (LokiClient.PushException e) {
                if (!e.retryable()) {
                    warnings.accept("Loki refused " + part.size() + " audit record(s): " + e.getMessage()
                            + "; they are kept in the local audit log only");
                    continue;
                }
                List<String> rest = lines.subList(from, lines.size());
                writeSpool(rest);
                warnings.accept("Loki is unreachable (" + e.getMessage() + "): " + rest.size()
                        + " audit record(s) spooled in " + spool + " for the next shipment");
                return;
            }
        }
        if (hadSpool) {
            writeSpool(List.of());
        }
    }

    private void pushWithRetry(List<String> lines) {
        for (int attempt = 0; ; attempt++) {
            try {
                client.push(streams(lines));
                return;
            } catch (LokiClient.PushException e) {
                if (!e.retryable() || attempt >= backoffMillis.length) {
                    throw e;
                }
                try {
                    Thread.sleep(backoffMillis[attempt]);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    static List<LokiClient.Stream> streams(List<String> lines) {
        Map<String, LokiClient.Stream> byLabels = new LinkedHashMap<>();
        for (String line : lines) {
            byte[] b = line.getBytes(StandardCharsets.UTF_8);
            Map<String, Object> m;
            try {
                m = RecordCodec.parseObject(b, 0, b.length);
            } catch (RecordCodec.BadRecord e) {
                continue;
            }
            Map<String, String> labels = new LinkedHashMap<>();
            labels.put("job", AnchorTargets.JOB);
            labels.put("host", String.valueOf(m.get("host")));
            labels.put("type", String.valueOf(m.get("event_type")));
            labels.put("level", String.valueOf(m.get("level")));
            long nanos;
            try {
                nanos = LokiClient.nanos(Timestamps.parse(String.valueOf(m.get("timestamp")), java.time.ZoneOffset.UTC));
            } catch (RuntimeException e) {
                continue;
            }
            byLabels.computeIfAbsent(labels.toString(), k -> new LokiClient.Stream(labels, new ArrayList<>()))
                    .values().add(new LokiClient.Entry(nanos, line, labels));
        }
        return new ArrayList<>(byLabels.values());
    }

    private List<String> spooled() {
        try {
            return Files.readAllLines(spool, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList();
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            return List.of();
        }
    }

    private void writeSpool(List<String> lines) {
        try {
            if (lines.isEmpty()) {
                Files.deleteIfExists(spool);
                return;
            }
            Path tmp = spool.resolveSibling(SPOOL + ".tmp");
            try (FileChannel ch = FileChannel.open(tmp, EnumSet.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))) {
                ch.write(ByteBuffer.wrap((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8)));
                ch.force(false);
            }
            Files.move(tmp, spool, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new io.perfect21.p21mon.P21monException(io.perfect21.p21mon.P21monException.Kind.FAILED,
                    "cannot write the Loki spool " + spool + ": " + e.getMessage(), e);
        }
    }
}
