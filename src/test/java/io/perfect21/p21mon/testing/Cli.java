package io.perfect21.p21mon.testing;

import io.perfect21.p21mon.cli.P21mon;
import io.perfect21.p21mon.cli.Services;
import io.perfect21.p21mon.host.HostProbe;
import io.perfect21.p21mon.host.OshiHostProbe;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Runs p21mon through its real wiring ({@link P21mon#commandLine}) with captured stdout and stderr, a given working
 * directory and an environment whose {@code HOME} and {@code XDG_*} point into that directory, so no test touches the
 * real home.
 *
 * <pre>{@code
 * Cli.Result r = Cli.in(tempDir).run("config", "validate");
 * assertThat(r.code()).isZero();
 * }</pre>
 */
public final class Cli {
    private final Path workDir;
    private final Map<String, String> env = new HashMap<>();
    private boolean terminal;
    private Clock clock = Clock.systemUTC();
    private Supplier<HostProbe> hostProbe = OshiHostProbe::new;

    private Cli(Path workDir) {
        this.workDir = workDir;
        env.put("HOME", workDir.resolve("home").toString());
        env.put("XDG_CONFIG_HOME", workDir.resolve("home/.config").toString());
        env.put("XDG_STATE_HOME", workDir.resolve("home/.local/state").toString());
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    }

    /** A run in {@code workDir} with a minimal environment (HOME, XDG dirs under workDir, PATH), not a terminal. */
    public static Cli in(Path workDir) {
        return new Cli(workDir);
    }

    /** Adds an environment variable. */
    public Cli env(String name, String value) {
        env.put(name, value);
        return this;
    }

    /** Pretends stdout is a terminal (colour allowed unless NO_COLOR / --no-color). */
    public Cli terminal(boolean terminal) {
        this.terminal = terminal;
        return this;
    }

    public Cli clock(Clock clock) {
        this.clock = clock;
        return this;
    }

    /** Uses this host probe (a fake) instead of OSHI. */
    public Cli hostProbe(HostProbe probe) {
        this.hostProbe = () -> probe;
        return this;
    }

    public Services services() {
        return new Services(env, workDir, clock, terminal, hostProbe);
    }

    /** Runs the arguments; returns exit code, stdout and stderr. */
    public Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = P21mon.commandLine(services(), new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    /** What a run printed and its exit code. */
    public record Result(int code, String out, String err) {
        @Override
        public String toString() {
            return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }
}
