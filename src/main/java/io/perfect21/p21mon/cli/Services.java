package io.perfect21.p21mon.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * What commands take from the outside world, given once to {@link P21mon#commandLine}: the environment (for
 * {@code ${VAR}} expansion, {@code P21MON_CONFIG}, {@code NO_COLOR}, {@code XDG_STATE_HOME}), the working directory,
 * the clock, and whether stdout is a terminal. Tests pass their own.
 */
public record Services(Map<String, String> env, Path workDir, Clock clock, boolean terminal) {

    public Services {
        env = Map.copyOf(env);
        workDir = workDir.toAbsolutePath().normalize();
    }

    /** The real process: its environment, current directory, system clock, and whether fd 1 is a terminal. */
    public static Services system() {
        return new Services(System.getenv(), Path.of(""), Clock.systemUTC(), stdoutIsTerminal());
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
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/1")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (Exception e) {
            return System.console() != null;
        }
    }
}
