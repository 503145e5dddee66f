package io.perfect21.p21mon.config;

import java.time.Duration;
import java.util.List;

/**
 * {@code audit:}: the directory of the embedded store (one JSON-lines file per UTC day; unset: {@code audit} under the
 * state directory), the optional HMAC and AES-GCM
 * key files, fields masked before writing, when closed days are gzipped, and an optional Loki to ship events to.
 */
public record AuditConfig(
        String dir,
        String hmacKeyFile,
        String encryptionKeyFile,
        List<String> maskFields,
        Duration compressAfter,
        Duration retention,
        String lokiUrl) {

    public AuditConfig {
        // dir null: the store is <state dir>/audit (AuditStores.dir), so a cron job's cwd does not pick its chain
        maskFields = maskFields != null ? List.copyOf(maskFields)
                : List.of("password", "token", "secret", "authorization", "api_key");
    }

    static AuditConfig defaults() {
        return new AuditConfig(null, null, null, null, null, null, null);
    }
}
