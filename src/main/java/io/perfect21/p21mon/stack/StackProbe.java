package io.perfect21.p21mon.stack;

import io.perfect21.p21mon.client.HttpClients;
import io.perfect21.p21mon.config.P21monConfig;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code stack status}: probes each service's readiness endpoint ({@code /-/ready}, Grafana's {@code /api/health},
 * node_exporter's {@code /metrics}) on 127.0.0.1 and the ports of {@code stack.ports}, and reads the native pid files.
 */
public final class StackProbe {
    private static final OkHttpClient HTTP = HttpClients.withTimeout(Duration.ofSeconds(3));

    private final P21monConfig config;

    public StackProbe(P21monConfig config) {
        this.config = config;
    }

    /** The base URL of a service of the stack. */
    public String url(StackService s) {
        return "http://127.0.0.1:" + config.stack().ports().get(s.key());
    }

    /** The port of a service in {@code stack.ports}. */
    int port(StackService s) {
        return config.stack().ports().get(s.key());
    }

    /** Whether the service answers 200 on its readiness path. */
    boolean ready(StackService s, int port) {
        Request req = new Request.Builder().url("http://127.0.0.1:" + port + s.readyPath()).get().build();
        try (Response r = HTTP.newCall(req).execute()) {
            return r.code() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    /** Every service of the stack in {@code layout} (all when it has no manifest), probed now. */
    public StackStatus status(StackLayout layout) {
        StackManifest manifest = StackManifest.require(layout);
        String runtime = runtime(layout).orElse("none");
        List<StackStatus.Service> services = new ArrayList<>();
        boolean ok = !runtime.equals("none");
        for (StackService s : StackService.of(manifest)) {
            Long pid = null;
            boolean expected = s.required();
            String detail = null;
            if (runtime.equals("native")) {
                Optional<PidFile> pf = readPid(layout, s);
                pid = pf.map(PidFile::pid).orElse(null);
                boolean alive = pf.flatMap(PidFile::process).isPresent();
                expected = expected || pf.isPresent();
                if (pf.isPresent() && !alive) {
                    detail = "pid " + pid + " is gone (crashed or killed); see " + layout.logFile(s.key());
                }
            } else if (runtime.equals("docker")) {
                expected = s != StackService.P21MON;
            }
            int port = config.stack().ports().get(s.key());
            boolean ours = runtime.equals("native") ? pid != null && detail == null : runtime.equals("docker");
            if (!ours && s != StackService.CADVISOR && !NativeRuntime.portFree(port)) {
                // a port of the stack held by a process this stack did not start (or its pid file was lost)
                Optional<PortOwners.Owner> owner = PortOwners.of(port);
                services.add(new StackStatus.Service(s.key(), url(s), StackStatus.FOREIGN,
                        owner.map(PortOwners.Owner::pid).orElse(null), expected,
                        "127.0.0.1:" + port + " held by " + PortOwners.describe(port) + ", not started by this stack"));
                ok = false;
                continue;
            }
            boolean ready = ready(s, port);
            String state = ready ? "ready" : detail != null ? "stopped" : expected ? "not ready" : "not running";
            if (expected && !ready) {
                ok = false;
            }
            services.add(new StackStatus.Service(s.key(), url(s), state, pid, expected, detail));
        }
        return new StackStatus(layout.dir().toString(), runtime, ok, services);
    }

    /** The runtime {@code stack up} used, when the stack is up. */
    public static Optional<String> runtime(StackLayout layout) {
        try {
            return Files.exists(layout.runtimeMarker())
                    ? Optional.of(Files.readString(layout.runtimeMarker()).strip()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Optional<PidFile> readPid(StackLayout layout, StackService s) {
        try {
            return Files.exists(layout.pidFile(s.key())) ? Optional.of(PidFile.read(layout.pidFile(s.key()))) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
