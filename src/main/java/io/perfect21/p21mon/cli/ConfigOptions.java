package io.perfect21.p21mon.cli;

import io.perfect21.p21mon.config.ConfigLoader;
import io.perfect21.p21mon.config.P21monConfig;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;

/** The options every command shares to find its configuration and state, and to say how much to tell. */
public final class ConfigOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "Configuration file. Default: $P21MON_CONFIG, ./p21mon.yaml, ~/.config/p21mon/p21mon.yaml, "
                    + "/etc/p21mon/p21mon.yaml, else built-in defaults.")
    Path configFile;

    @Option(names = "--state-dir", paramLabel = "DIR",
            description = "State directory (alert dedup, notification spool). Default: $XDG_STATE_HOME/p21mon or ~/.local/state/p21mon.")
    Path stateDir;

    @Option(names = {"-v", "--verbose"}, description = "Say more on stderr, and show stack traces of errors.")
    boolean verbose;

    @Option(names = {"-q", "--quiet"}, description = "Say nothing on stderr but errors.")
    boolean quiet;

    private ConfigLoader.Loaded loaded;

    /** The same options given before the command name, or null when these are they. */
    private ConfigOptions global() {
        if (mixee == null || !(mixee.root().userObject() instanceof P21mon root) || root.globals == this) {
            return null;
        }
        return root.globals;
    }

    private Path configFile() {
        ConfigOptions g = global();
        return configFile != null || g == null ? configFile : g.configFile;
    }

    /** The effective configuration, loaded once per command run. */
    public P21monConfig config() {
        return loaded().config();
    }

    /** The configuration and the file it came from. */
    public ConfigLoader.Loaded loaded() {
        if (loaded == null) {
            Services services = P21mon.services(mixee);
            loaded = new ConfigLoader(services.env(), services.workDir()).load(configFile());
        }
        return loaded;
    }

    /** {@code --state-dir}, or the default of SPEC §6. */
    public Path stateDir() {
        Services services = P21mon.services(mixee);
        ConfigOptions g = global();
        Path dir = stateDir != null || g == null ? stateDir : g.stateDir;
        return dir != null ? services.workDir().resolve(dir) : services.defaultStateDir();
    }

    public boolean verbose() {
        ConfigOptions g = global();
        return verbose || (g != null && g.verbose);
    }

    public boolean quiet() {
        ConfigOptions g = global();
        return quiet || (g != null && g.quiet);
    }
}
