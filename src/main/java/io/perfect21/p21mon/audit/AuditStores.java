package io.perfect21.p21mon.audit;

import io.perfect21.p21mon.host.Hostname;
import io.perfect21.p21mon.config.AuditConfig;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.time.Clock;

/** Builds the store from {@code audit:} of the configuration. */
public final class AuditStores {
    private AuditStores() {
    }

    /** The directory name of the store under the state directory when {@code audit.dir} is not set. */
    public static final String STATE_SUBDIR = "audit";

    /**
     * The store's directory: {@code dirOverride} (a flag, relative to the working directory), else {@code audit.dir}
     * (made absolute against the configuration file's directory when it was read), else {@code <stateDir>/audit}.
     */
    public static Path dir(AuditConfig cfg, Path workDir, Path stateDir, Path dirOverride) {
        if (dirOverride != null) {
            return workDir.resolve(dirOverride);
        }
        return cfg.dir() != null ? workDir.resolve(cfg.dir()) : stateDir.resolve(STATE_SUBDIR);
    }

    /** Where the audit log went by default before it moved under the state directory: {@code ./logs/audit}. */
    public static final String LEGACY_DIR = "logs/audit";
    /** The marker in the state directory that says the legacy notice was given. */
    static final String LEGACY_MARKER = ".legacy-audit-notice";

    /**
     * The one-time notice about records in the old default directory: when {@code ./logs/audit} of {@code workDir}
     * holds {@code audit-*.jsonl*} files and is not {@code inUse}, the line that says where they are and how to move
     * them, once per state directory (a marker file there). Empty when there is nothing to say or it was said.
     */
    public static Optional<String> legacyNotice(Path workDir, Path stateDir, Path inUse) {
        Path legacy = workDir.resolve(LEGACY_DIR).toAbsolutePath().normalize();
        if (legacy.equals(inUse.toAbsolutePath().normalize()) || !Files.isDirectory(legacy)) {
            return Optional.empty();
        }
        Path marker = stateDir.resolve(LEGACY_MARKER);
        if (Files.exists(marker)) {
            return Optional.empty();
        }
        try (DirectoryStream<Path> days = Files.newDirectoryStream(legacy, "audit-*.jsonl*")) {
            if (!days.iterator().hasNext()) {
                return Optional.empty();
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        try {
            Files.createDirectories(stateDir);
            Files.writeString(marker, legacy + "\n");
        } catch (IOException e) {
            // the notice is still worth giving; it comes again next time
        }
        return Optional.of("audit records found in " + legacy + ", the old default directory; the audit log is now "
                + inUse.toAbsolutePath().normalize() + ": move them with 'p21mon audit import ./" + LEGACY_DIR
                + "' (keeps the chain valid), or set audit.dir to keep using the old directory");
    }

    /** The store of the configuration, in {@link #dir}. */
    public static AuditStore open(AuditConfig cfg, Path workDir, Path stateDir, Clock clock, Path dirOverride) {
        Path dir = dir(cfg, workDir, stateDir, dirOverride);
        byte[] hmac = AuditKeys.hmac(cfg.hmacKeyFile() == null ? null : workDir.resolve(cfg.hmacKeyFile()));
        byte[] aes = AuditKeys.aes(cfg.encryptionKeyFile() == null ? null : workDir.resolve(cfg.encryptionKeyFile()));
        AuditStore store = new AuditStore(dir, hmac, aes, cfg.maskFields(), cfg.compressAfter(), Hostname.local(), clock);
        return cfg.lokiUrl() == null || cfg.lokiUrl().isBlank() ? store : store.shipTo(cfg.lokiUrl());
    }
}
