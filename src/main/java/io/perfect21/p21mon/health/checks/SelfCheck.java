package io.perfect21.p21mon.health.checks;

import io.perfect21.p21mon.audit.AuditStores;
import io.perfect21.p21mon.audit.AuditVerifier;
import io.perfect21.p21mon.audit.VerifyReport;
import io.perfect21.p21mon.config.CheckConfig;
import io.perfect21.p21mon.health.CheckOptions;
import io.perfect21.p21mon.health.ConfiguredCheck;
import io.perfect21.p21mon.health.HealthCheckResult;
import io.perfect21.p21mon.health.HealthContext;
import io.perfect21.p21mon.health.HealthStatus;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code p21mon}: p21mon's own components: the configuration was loaded and is valid (the check runs only once it
 * is), the state directory and the audit directory are writable (or can be created), and the audit log's hash chain
 * is intact (the whole log is verified, as {@code audit verify} does; with no log yet there is nothing to break).
 * Takes no keys.
 */
public final class SelfCheck extends ConfiguredCheck {
    private final HealthContext context;

    public SelfCheck(CheckConfig config, HealthContext context) {
        super(config);
        CheckOptions.of(config).noThresholds();
        this.context = context;
    }

    @Override
    public HealthCheckResult check() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("config", context.configSource().map(Path::toString).orElse("built-in defaults"));
        details.put("config_valid", true);
        List<String> problems = new ArrayList<>();
        Path state = context.stateDir();
        Path audit = AuditStores.dir(context.config().audit(), context.workDir(), state, null);
        details.put("state_dir", state.toString());
        details.put("state_dir_writable", writable(state, problems, "state dir"));
        details.put("audit_dir", audit.toString());
        details.put("audit_dir_writable", writable(audit, problems, "audit dir"));
        if (Files.isDirectory(audit)) {
            VerifyReport chain = new AuditVerifier(AuditStores.open(context.config().audit(), context.workDir(),
                    state, Clock.systemUTC(), null)).verify(null);
            details.put("audit_chain", chain.status());
            details.put("audit_records", chain.records());
            if (!chain.ok()) {
                problems.add("audit chain " + chain.status() + (chain.problem() == null ? ""
                        : ": " + chain.problem().file() + " line " + chain.problem().line() + ": " + chain.problem().message()));
            }
        }
        if (!problems.isEmpty()) {
            return result(HealthStatus.UNHEALTHY, String.join(", ", problems), details, List.of());
        }
        return result(HealthStatus.HEALTHY, "config " + details.get("config") + " valid, state and audit dirs writable"
                        + (details.containsKey("audit_chain") ? ", audit chain intact (" + details.get("audit_records") + " records)" : ""),
                details, List.of());
    }

    /**
     * Whether the directory can be written: if it exists, a probe file is created and deleted in it; if not, its
     * nearest existing ancestor must be a writable directory (it is created on first use, not by a health check).
     */
    static boolean writable(Path dir, List<String> problems, String what) {
        Path d = dir.toAbsolutePath();
        if (Files.isDirectory(d)) {
            try {
                Path probe = Files.createTempFile(d, ".p21mon-health-", ".tmp");
                Files.delete(probe);
                return true;
            } catch (IOException | SecurityException e) {
                problems.add(what + " " + d + " is not writable");
                return false;
            }
        }
        if (Files.exists(d)) {
            problems.add(what + " " + d + " is not a directory");
            return false;
        }
        Path parent = d.getParent();
        while (parent != null && !Files.exists(parent)) {
            parent = parent.getParent();
        }
        if (parent == null || !Files.isDirectory(parent) || !Files.isWritable(parent)) {
            problems.add(what + " " + d + " cannot be created" + (parent == null ? "" : " (" + parent + " is not writable)"));
            return false;
        }
        return true;
    }
}
