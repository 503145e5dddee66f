package io.perfect21.p21mon.cli;

import io.perfect21.p21mon.host.HostProbe;
import io.perfect21.p21mon.host.OshiHostProbe;
import org.jline.terminal.Terminal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What commands take from the outside world, given once to {@link P21mon#commandLine}: the environment (for
 * {@code ${VAR}} expansion, {@code P21MON_CONFIG}, {@code NO_COLOR}, {@code XDG_STATE_HOME}), the working directory,
 * the clock, whether stdout is a terminal, the host probe (created on first use: OSHI is slow to start), whether
 * stderr is a terminal (progress of long audit jobs is drawn there), an optional cache of loaded configurations
 * (the shell loads the file once), and the terminal of a {@code p21mon shell} session, which commands that read keys
 * ({@code top}, {@code health --watch}) borrow rather than open a second one (null outside the shell). Tests pass
 * their own.
 */
public record Services(Map<String, String> env, Path workDir, Clock clock, boolean terminal,
                       Supplier<HostProbe> hostProbe, boolean stderrTerminal, ConfigCache configs,
                       Terminal shellTerminal) {

    public Services {
        env = Map.copyOf(env);
        workDir = workDir.toAbsolutePath().normalize();
        hostProbe = memoize(hostProbe);
    }

    /** Services whose stderr is not a terminal, loading the configuration afresh for every command. */
    public Services(Map<String, String> env, Path workDir, Clock clock, boolean terminal,
                    Supplier<HostProbe> hostProbe) {
        this(env, workDir, clock, terminal, hostProbe, false, null, null);
    }

    /** The same services with stderr a terminal or not (where progress is drawn). */
    public Services withStderrTerminal(boolean stderrTerminal) {
        return new Services(env, workDir, clock, terminal, hostProbe, stderrTerminal, configs, shellTerminal);
    }

    /** The same services keeping loaded configurations in {@code cache} across commands ({@code p21mon shell}). */
    public Services withConfigCache(ConfigCache cache) {
        return new Services(env, workDir, clock, terminal, hostProbe, stderrTerminal, cache, shellTerminal);
    }

    /** The same services lending the shell session's terminal to the commands it runs. */
    public Services withShellTerminal(Terminal shellTerminal) {
        return new Services(env, workDir, clock, terminal, hostProbe, stderrTerminal, configs, shellTerminal);
    }

    /** Services over the given environment and directory, the system clock, no terminal, the real host. */
    public static Services of(Map<String, String> env, Path workDir) {
        return new Services(env, workDir, Clock.systemUTC(), false, OshiHostProbe::new);
    }

    /** The same services with another host probe (tests give a fake). */
    public Services withHostProbe(HostProbe probe) {
        return new Services(env, workDir, clock, terminal, () -> probe, stderrTerminal, configs, shellTerminal);
    }

    private static <T> Supplier<T> memoize(Supplier<T> supplier) {
        return new Supplier<>() {
            private T value;

            @Override
            public synchronized T get() {
                if (value == null) {
                    value = supplier.get();
                }
                return value;
            }
        };
    }

    /** The real process: its environment, current directory, system clock, and whether fds 1 and 2 are terminals. */
    public static Services system() {
        return new Services(System.getenv(), Path.of(""), Clock.systemUTC(), stdoutIsTerminal(), OshiHostProbe::new,
                isTerminal(2), null, null);
    }

    /** The state directory of SPEC §6: {@code $XDG_STATE_HOME/p21mon}, default {@code ~/.local/state/p21mon}. */
    public Path defaultStateDir() {
        String xdg = env.get("XDG_STATE_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return Path.of(xdg, "p21mon");
        }
        String home = env.getOrDefault("HOME", System.getProperty("user.home"));
        return Path.of(home, ".local", "state", "p21mon");
    }

    private static boolean stdoutIsTerminal() {
        Boolean terminal = terminal(1);
        return terminal != null ? terminal : System.console() != null;
    }

    /** Whether file descriptor {@code fd} is a terminal (Linux: where /proc/self/fd/N points); false when unknown. */
    static boolean isTerminal(int fd) {
        return Boolean.TRUE.equals(terminal(fd));
    }

    /**
     * Whether /proc/self/fd/N points to a terminal, or null when it cannot tell. The path is not built by string
     * concatenation: this runs first in every command, and the JVM spins a class for the first such concatenation of
     * a String and an int that the class-data archive does not hold (~5 ms of {@code p21mon --version}).
     */
    private static Boolean terminal(int fd) {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd", Integer.toString(fd))).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (Exception e) {
            return null;
        }
    }
}
