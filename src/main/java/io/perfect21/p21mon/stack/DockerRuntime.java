package io.perfect21.p21mon.stack;

import io.perfect21.p21mon.IoErrors;
import io.perfect21.p21mon.AtomicFiles;
import io.perfect21.p21mon.P21monException;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The docker runtime: {@code docker compose ... up -d --wait} on the stack's compose file (compose waits for every
 * service's health check), {@code docker compose ... down} to stop it. Without the compose plugin ({@code docker
 * compose version} fails) it uses {@code docker-compose} v1 where installed: the same arguments, {@code up -d} without
 * {@code --wait} (v1 has none), then it waits for the services' readiness endpoints itself. {@link #engineAnswers} is
 * how {@code auto} chooses: {@code docker info} exiting 0 within 10 s.
 */
public final class DockerRuntime {
    /** The compose project name: the stack's containers and volumes are named {@code p21mon-monitoring_*}. */
    public static final String PROJECT = "p21mon-monitoring";

    private final StackLayout layout;
    private final Map<String, String> env;

    public DockerRuntime(StackLayout layout, Map<String, String> env) {
        this.layout = layout;
        this.env = Map.copyOf(env);
    }

    /** Whether a Docker engine answers ({@code docker info} exits 0 within 10 s). */
    public static boolean engineAnswers(Map<String, String> env) {
        if (Binaries.find(env, List.of("docker")).isEmpty()) {
            return false;
        }
        try {
            ProcessBuilder pb = new ProcessBuilder(Binaries.find(env, List.of("docker")).get().toString(), "info")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD);
            pb.environment().clear();
            pb.environment().putAll(env);
            Process p = pb.start();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return false;
            }
            return p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The compose plugin's command. */
    public static final List<String> PLUGIN = List.of("docker", "compose");
    /** Docker Compose v1 (Debian's docker-compose). */
    public static final List<String> V1 = List.of("docker-compose");

    /** The exact command line for a compose action ({@code up -d --wait}, {@code down}) with the plugin. */
    public List<String> command(String... action) {
        return command(PLUGIN, action);
    }

    /** The exact command line for a compose action with the given compose ({@link #PLUGIN} or {@link #V1}). */
    public List<String> command(List<String> compose, String... action) {
        List<String> cmd = new ArrayList<>(compose);
        cmd.addAll(List.of("-p", PROJECT, "--project-directory",
                layout.dir().toString(), "-f", layout.compose().toString(), "--env-file", layout.envFile().toString()));
        cmd.addAll(List.of(action));
        return cmd;
    }

    /**
     * The compose to use: the plugin when {@code docker compose version} exits 0, else {@code docker-compose} (v1)
     * when it is on PATH.
     *
     * @throws P21monException (failed) saying what to install, and that {@code --runtime native} works
     */
    public static List<String> compose(Map<String, String> env) {
        String plugin = Binaries.find(env, List.of("docker")).map(d -> probe(env, d.toString(), "compose", "version"))
                .orElse("docker is not on PATH");
        if (plugin.isEmpty()) {
            return PLUGIN;
        }
        if (Binaries.find(env, V1).isPresent()) {
            return V1;
        }
        throw P21monException.failed("no Docker Compose: 'docker compose version' failed (" + plugin + ") and "
                + "docker-compose is not on PATH; install the compose plugin (package docker-compose-plugin from "
                + "Docker's apt repository) or Compose v1 (apt-get install --no-install-recommends docker-compose), "
                + "or use --runtime native");
    }

    /** Whether a compose is installed (see {@link #compose}). */
    public static boolean composeInstalled(Map<String, String> env) {
        try {
            compose(env);
            return true;
        } catch (P21monException e) {
            return false;
        }
    }

    /** Runs a short command: empty when it exits 0 within 10 s, else its first output line or why it failed. */
    private static String probe(Map<String, String> env, String... cmd) {
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            pb.environment().clear();
            pb.environment().putAll(env);
            Process p = pb.start();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "no answer in 10 s";
            }
            String out = new String(p.getInputStream().readNBytes(2000), StandardCharsets.UTF_8).strip();
            return p.exitValue() == 0 ? "" : out.isEmpty() ? "exit code " + p.exitValue() : out.lines().findFirst().orElse(out);
        } catch (IOException e) {
            return e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    /**
     * Starts the services of {@code profiles} ({@code up -d --wait}, naming the services when some profiles of the
     * stack are left out) and returns when every health check passes; with compose v1, when every readiness endpoint
     * answers within {@code timeout}.
     */
    public StackUpReport up(java.util.Set<StackProfile> profiles, StackProbe probe, java.time.Duration timeout,
                            Consumer<String> progress) {
        StackManifest manifest = StackManifest.require(layout);
        List<String> compose = compose(env);
        List<StackService> services = StackService.of(profiles).stream().filter(s -> s != StackService.P21MON).toList();
        List<String> action = new ArrayList<>(V1.equals(compose) ? List.of("up", "-d") : List.of("up", "-d", "--wait"));
        if (!manifest.profiles().equals(profiles)) {
            services.forEach(s -> action.add(s.key().replace('_', '-')));
        }
        List<String> cmd = command(compose, action.toArray(String[]::new));
        run(cmd, progress);
        if (V1.equals(compose)) {
            progress.accept("docker-compose v1 has no --wait: waiting for the readiness endpoints");
            long deadline = System.nanoTime() + timeout.toNanos();
            for (StackService s : services) {
                while (s != StackService.CADVISOR && !probe.ready(s, probe.port(s))) {
                    if (System.nanoTime() > deadline) {
                        throw P21monException.failed(s.key() + " not ready within " + timeout.toSeconds() + " s at "
                                + probe.url(s) + s.readyPath() + "; see 'docker-compose logs " + s.key().replace('_', '-') + "'");
                    }
                    try {
                        Thread.sleep(250);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw P21monException.failed("interrupted");
                    }
                }
            }
        }
        try {
            Files.createDirectories(layout.runDir());
        } catch (IOException e) {
            throw P21monException.failed("cannot create " + layout.runDir() + ": " + IoErrors.describe(layout.runDir(), e), e);
        }
        AtomicFiles.write(layout.runtimeMarker(), "docker\n");
        List<StackUpReport.ServiceState> states = services.stream()
                .map(s -> new StackUpReport.ServiceState(s.key(), "compose", null, null, V1.equals(compose)
                        ? "readiness endpoint answered" : "health checked by docker compose"))
                .toList();
        return new StackUpReport("docker", states, 0, cmd);
    }

    /** {@code docker compose down} (volumes are kept). */
    public StackDownReport down(Consumer<String> progress) {
        List<String> cmd = command(compose(env), "down");
        run(cmd, progress);
        try {
            Files.deleteIfExists(layout.runtimeMarker());
        } catch (IOException e) {
            throw P21monException.failed("cannot remove " + layout.runtimeMarker() + ": " + IoErrors.describe(layout.runtimeMarker(), e), e);
        }
        return new StackDownReport("docker", List.of(new StackDownReport.Stopped("compose project " + PROJECT,
                "stopped", null, String.join(" ", cmd))), List.of());
    }

    private void run(List<String> cmd, Consumer<String> progress) {
        progress.accept(String.join(" ", cmd));
        List<String> resolved = new ArrayList<>(cmd);
        resolved.set(0, Binaries.find(env, List.of(cmd.get(0))).map(Object::toString).orElseThrow(() ->
                P21monException.failed(cmd.get(0) + " is not on PATH; install Docker with the compose plugin, or use --runtime native")));
        ProcessBuilder pb = new ProcessBuilder(resolved).directory(layout.dir().toFile()).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.environment().clear();
        pb.environment().putAll(env);
        List<String> last = new ArrayList<>();
        try {
            Process p = pb.start();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    progress.accept(line);
                    last.add(line);
                    if (last.size() > 10) {
                        last.remove(0);
                    }
                }
            }
            int code = p.waitFor();
            if (code != 0) {
                throw P21monException.failed(String.join(" ", cmd.subList(0, cmd.indexOf("-p"))) + " " + String.join(" ",
                        cmd.subList(cmd.indexOf("--env-file") + 2, cmd.size())) + " failed with exit code " + code
                        + (last.isEmpty() ? "" : ": " + String.join(" | ", last)));
            }
        } catch (IOException e) {
            throw P21monException.failed("cannot run docker (" + IoErrors.describe(e) + "); install Docker with the compose "
                    + "plugin, or use --runtime native", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw P21monException.failed("interrupted while running " + String.join(" ", cmd));
        }
    }
}
