package io.perfect21.p21mon.cli;

import io.perfect21.p21mon.config.P21monConfig;
import io.perfect21.p21mon.stack.GeneratedStackParts;
import io.perfect21.p21mon.stack.NativeRuntime;
import io.perfect21.p21mon.stack.StackLayout;
import io.perfect21.p21mon.stack.StackParts;
import io.perfect21.p21mon.stack.StackProfile;
import io.perfect21.p21mon.stack.StackRuntime;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/** What every {@code stack} subcommand shares beside {@link ConfigOptions}: {@code --dir}, the layout, progress lines. */
public final class StackOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = "--dir", paramLabel = "DIR", description = "The stack's directory (default: stack.dir, monitoring).")
    Path dir;

    /**
     * The rule files, Alertmanager configuration and dashboards {@code stack config} writes: those of
     * {@code alerts rules}, {@code alerts config} and {@code dashboards generate}, from the same configuration.
     */
    static StackParts parts(Services services) {
        return new GeneratedStackParts(services.workDir());
    }

    /** {@code --with}/{@code --without} values: {@link StackProfile#parse}, its message as picocli's error. */
    static final class ProfileConverter implements CommandLine.ITypeConverter<StackProfile> {
        @Override
        public StackProfile convert(String value) {
            try {
                return StackProfile.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    /** {@code --runtime} values: {@link StackRuntime#parse}, its message as picocli's error. */
    static final class RuntimeConverter implements CommandLine.ITypeConverter<StackRuntime> {
        @Override
        public StackRuntime convert(String value) {
            try {
                return StackRuntime.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    /** The profiles of {@code stack.with} (default logs, traces) plus {@code with} minus {@code without}. */
    static Set<StackProfile> profiles(P21monConfig cfg, List<StackProfile> with, List<StackProfile> without) {
        return StackProfile.choose(StackProfile.parseAll(cfg.stack().with()), with == null ? List.of() : with,
                without == null ? List.of() : without);
    }

    /** A duration flag's value; a usage error naming the flag when it is not one. */
    static java.time.Duration duration(String text, String flag) {
        try {
            return io.perfect21.p21mon.config.Durations.parse(text);
        } catch (IllegalArgumentException e) {
            throw io.perfect21.p21mon.P21monException.usage(flag + ": " + e.getMessage());
        }
    }

    public StackLayout layout() {
        Path d = dir != null ? dir : Path.of(config().config().stack().dir());
        return new StackLayout(services().workDir().resolve(d));
    }

    /** Progress for stderr, unless --quiet. */
    public Consumer<String> progress() {
        return line -> {
            if (!config().quiet()) {
                mixee.commandLine().getErr().println("p21mon: " + line);
                mixee.commandLine().getErr().flush();
            }
        };
    }

    /**
     * The native runtime, starting {@code p21mon metrics serve} with this very JVM and class path (so the exporter is
     * the same build as the command that starts it) and the same configuration file.
     */
    public NativeRuntime nativeRuntime() {
        P21monConfig cfg = config().config();
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // --enable-native-access: the launcher's -jar gets it from the jar's manifest, -cp does not; without it JDK 24+
        // prints JNA's restricted-method warnings into the exporter's log (JDK 17 accepts and ignores it)
        List<String> launcher = new ArrayList<>(List.of(java, "-XX:+UseSerialGC", "-Xmx64m", "-Xss512k",
                "-Xlog:disable", "-Xlog:all=warning:stderr", "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), P21mon.class.getName()));
        config().loaded().source().ifPresent(f -> launcher.addAll(List.of("-c", f.toAbsolutePath().toString())));
        return new NativeRuntime(layout(), cfg, services().env(), launcher);
    }

    public ConfigOptions config() {
        for (CommandSpec m : mixee.mixins().values()) {
            if (m.userObject() instanceof ConfigOptions c) {
                return c;
            }
        }
        throw new IllegalStateException(mixee.qualifiedName() + " has no ConfigOptions mixin");
    }

    public Services services() {
        return P21mon.services(mixee);
    }
}
