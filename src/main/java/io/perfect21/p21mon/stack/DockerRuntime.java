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
 * service's health check), {@code docker compose ... down} to stop it. {@link #engineAnswers} is how {@code auto}
 * chooses: {@code docker info} exiting 0 within 10 s.
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

    /** The exact command line for a compose action ({@code up -d --wait}, {@code down}). */
    public List<String> command(String... action) {
        List<String> cmd = new ArrayList<>(List.of("docker", "compose", "-p", PROJECT, "--project-directory",
                layout.dir().toString(), "-f", layout.compose().toString(), "--env-file", layout.envFile().toString()));
        cmd.addAll(List.of(action));
        return cmd;
    }

    /** {@code docker compose up -d --wait}: starts the stack and returns when every health check passes. */
    public StackUpReport up(Consumer<String> progress) {
        StackManifest manifest = StackManifest.require(layout);
        List<String> cmd = command("up", "-d", "--wait");
        run(cmd, progress);
        try {
            Files.createDirectories(layout.runDir());
        } catch (IOException e) {
            throw P21monException.failed("cannot create " + layout.runDir() + ": " + IoErrors.describe(layout.runDir(), e), e);
        }
        AtomicFiles.write(layout.runtimeMarker(), "docker\n");
        List<StackUpReport.ServiceState> states = StackService.of(manifest.with()).stream()
                .filter(s -> s != StackService.P21MON)
                .map(s -> new StackUpReport.ServiceState(s.key(), "compose", null, null, "health checked by docker compose"))
                .toList();
        return new StackUpReport("docker", states, 0, cmd);
    }

    /** {@code docker compose down} (volumes are kept). */
    public StackDownReport down(Consumer<String> progress) {
        run(command("down"), progress);
        try {
            Files.deleteIfExists(layout.runtimeMarker());
        } catch (IOException e) {
            throw P21monException.failed("cannot remove " + layout.runtimeMarker() + ": " + IoErrors.describe(layout.runtimeMarker(), e), e);
        }
        return new StackDownReport("docker", List.of(new StackDownReport.Stopped("compose project " + PROJECT,
                "stopped", null, String.join(" ", command("down")))), List.of());
    }

    private void run(List<String> cmd, Consumer<String> progress) {
        progress.accept(String.join(" ", cmd));
        List<String> resolved = new ArrayList<>(cmd);
        resolved.set(0, Binaries.find(env, List.of("docker")).map(Object::toString).orElseThrow(() ->
                P21monException.failed("docker is not on PATH; install Docker with the compose plugin, or use --runtime native")));
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
                throw P21monException.failed(String.join(" ", cmd.subList(0, 2)) + " " + String.join(" ",
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
