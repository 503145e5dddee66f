package io.perfect21.p21mon.cli;

import io.perfect21.p21mon.config.ConfigLoader;
import io.perfect21.p21mon.config.P21monConfig;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.List;

/**
 * The options every command shares to find its configuration and state, and to say how much to tell and whether in
 * colour. Each may also be given before the command name ({@code p21mon -c FILE health}), where the root command holds
 * them ({@link #globalOptions()}); the command's own win. A new command gets them all with one line:
 * {@code @Mixin ConfigOptions options;} (and {@code @Mixin OutputOptions output;} when it prints a report).
 */
public final class ConfigOptions {
    private static final String CONFIG = "--config";
    private static final String STATE_DIR = "--state-dir";
    private static final String VERBOSE = "--verbose";
    private static final String QUIET = "--quiet";
    private static final String CONFIG_HELP = "Configuration file. Default: $P21MON_CONFIG, ./p21mon.yaml, "
            + "~/.config/p21mon/p21mon.yaml, /etc/p21mon/p21mon.yaml, else built-in defaults.";
    private static final String STATE_DIR_HELP = "State directory (alert dedup, notification spool). "
            + "Default: $XDG_STATE_HOME/p21mon or ~/.local/state/p21mon.";
    private static final String VERBOSE_HELP = "Say more on stderr, and show stack traces of errors.";
    private static final String QUIET_HELP = "Say nothing on stderr but errors.";
    private static final String NO_COLOR = "--no-color";
    static final String NO_COLOR_HELP = "No colour, even on a terminal (also: NO_COLOR=1).";

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = {"-c", CONFIG}, paramLabel = "FILE", description = CONFIG_HELP)
    Path configFile;

    @Option(names = STATE_DIR, paramLabel = "DIR", description = STATE_DIR_HELP)
    Path stateDir;

    @Option(names = {"-v", VERBOSE}, description = VERBOSE_HELP)
    boolean verbose;

    @Option(names = {"-q", QUIET}, description = QUIET_HELP)
    boolean quiet;

    @Option(names = NO_COLOR, description = NO_COLOR_HELP)
    boolean noColor;

    private ConfigLoader.Loaded loaded;

    /** The same options for the root command, built in code (see {@code P21mon}); their values are read back by name. */
    static List<OptionSpec> globalOptions() {
        return List.of(
                OptionSpec.builder("-c", CONFIG).paramLabel("FILE").type(Path.class).description(CONFIG_HELP).build(),
                OptionSpec.builder(STATE_DIR).paramLabel("DIR").type(Path.class).description(STATE_DIR_HELP).build(),
                OptionSpec.builder("-v", VERBOSE).type(boolean.class).initialValue(false).description(VERBOSE_HELP).build(),
                OptionSpec.builder("-q", QUIET).type(boolean.class).initialValue(false).description(QUIET_HELP).build(),
                OptionSpec.builder(NO_COLOR).type(boolean.class).initialValue(false).description(NO_COLOR_HELP).build());
    }

    /** The value of the root command's option of this name, or null when there is none. */
    static <T> T global(CommandSpec mixee, String name) {
        OptionSpec option = mixee == null ? null : mixee.root().findOption(name);
        return option == null ? null : option.getValue();
    }

    private <T> T global(String name) {
        OptionSpec option = mixee == null ? null : mixee.root().findOption(name);
        return option == null ? null : option.getValue();
    }

    /** {@code -c FILE} given to the command or before it; null when not given. */
    Path configFile() {
        return configFile != null ? configFile : global(CONFIG);
    }

    /** The effective configuration, loaded once per command run (once per shell session with a config cache). */
    public P21monConfig config() {
        return loaded().config();
    }

    /** The configuration and the file it came from. */
    public ConfigLoader.Loaded loaded() {
        if (loaded == null) {
            Services services = P21mon.services(mixee);
            Path file = configFile();
            loaded = services.configs() == null
                    ? new ConfigLoader(services.env(), services.workDir()).load(file)
                    : services.configs().get(file, () -> new ConfigLoader(services.env(), services.workDir()).load(file));
        }
        return loaded;
    }

    /** {@code --state-dir}, or the default of SPEC §6. */
    public Path stateDir() {
        Services services = P21mon.services(mixee);
        Path dir = stateDir != null ? stateDir : global(STATE_DIR);
        return dir != null ? services.workDir().resolve(dir) : services.defaultStateDir();
    }

    public boolean verbose() {
        return verbose || Boolean.TRUE.equals(global(VERBOSE));
    }

    /** {@code --no-color}, given to the command or before it. */
    public boolean noColor() {
        return noColor || Boolean.TRUE.equals(global(NO_COLOR));
    }

    public boolean quiet() {
        return quiet || Boolean.TRUE.equals(global(QUIET));
    }
}
