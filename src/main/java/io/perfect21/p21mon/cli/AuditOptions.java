package io.perfect21.p21mon.cli;

import io.perfect21.p21mon.audit.AuditProgress;
import io.perfect21.p21mon.audit.AuditStore;
import io.perfect21.p21mon.audit.AuditStores;
import io.perfect21.p21mon.cli.render.Progress;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;

/** What every {@code audit} subcommand shares beside {@link ConfigOptions}: {@code --dir} to point at another store. */
public final class AuditOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = "--dir", paramLabel = "DIR", description = "Audit directory (default: audit.dir, else audit under the state directory).")
    Path dir;

    /** The configured store; its notices (a torn line repaired) go to stderr unless --quiet. */
    public AuditStore store() {
        Services s = P21mon.services(mixee);
        ConfigOptions config = config();
        AuditStore store = AuditStores.open(config.config().audit(), s.workDir(), config.stateDir(), s.clock(), dir);
        if (!config.quiet()) {
            AuditStores.legacyNotice(s.workDir(), config.stateDir(), store.dir())
                    .ifPresent(n -> mixee.commandLine().getErr().println("p21mon: " + n));
        }
        return store.onWarning(w -> {
            if (!config.quiet()) {
                mixee.commandLine().getErr().println("p21mon: " + w);
            }
        });
    }

    /** The command's {@link ConfigOptions} mixin (every audit command has one beside this). */
    public ConfigOptions config() {
        for (CommandSpec m : mixee.mixins().values()) {
            if (m.userObject() instanceof ConfigOptions c) {
                return c;
            }
        }
        throw new IllegalStateException(mixee.qualifiedName() + " has no ConfigOptions mixin");
    }

    /**
     * What tells the progress of a long job ({@code verb}: import, verify, …): drawn on stderr when stderr is a
     * terminal and {@code -q} is not given, else nothing.
     */
    public AuditProgress progress(String verb) {
        if (!services().stderrTerminal() || config().quiet()) {
            return AuditProgress.NONE;
        }
        long every = Progress.EVERY_MILLIS;
        String env = services().env().get("P21MON_PROGRESS_MS");
        if (env != null && env.matches("\\d{1,6}")) {
            every = Long.parseLong(env);
        }
        return new Progress(mixee.commandLine().getErr(), verb, every);
    }

    public Services services() {
        return P21mon.services(mixee);
    }
}
