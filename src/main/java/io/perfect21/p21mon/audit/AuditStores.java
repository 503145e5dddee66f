package io.perfect21.p21mon.audit;

import io.perfect21.p21mon.host.Hostname;
import io.perfect21.p21mon.config.AuditConfig;

import java.nio.file.Path;
import java.time.Clock;

/** Builds the store from {@code audit:} of the configuration. */
public final class AuditStores {
    private AuditStores() {
    }

    /**
     * The store of the configuration; {@code dirOverride} (a flag) wins over {@code audit.dir}; relative paths are
     * resolved against the working directory.
     */
    public static AuditStore open(AuditConfig cfg, Path workDir, Clock clock, Path dirOverride) {
        Path dir = workDir.resolve(dirOverride != null ? dirOverride : Path.of(cfg.dir()));
        byte[] hmac = AuditKeys.hmac(cfg.hmacKeyFile() == null ? null : workDir.resolve(cfg.hmacKeyFile()));
        byte[] aes = AuditKeys.aes(cfg.encryptionKeyFile() == null ? null : workDir.resolve(cfg.encryptionKeyFile()));
        AuditStore store = new AuditStore(dir, hmac, aes, cfg.maskFields(), cfg.compressAfter(), Hostname.local(), clock);
        return cfg.lokiUrl() == null || cfg.lokiUrl().isBlank() ? store : store.shipTo(cfg.lokiUrl());
    }
}
