package io.perfect21.p21mon.stack;

import io.perfect21.p21mon.IoErrors;
import io.perfect21.p21mon.P21monException;
import io.perfect21.p21mon.config.Durations;
import io.perfect21.p21mon.config.P21monConfig;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The native runtime: the stack's programs found on PATH, started as background processes bound to 127.0.0.1 on
 * {@code stack.ports}, each with a pid file and a log under {@code DIR/.run/}, plus {@code p21mon metrics serve} started
 * with the given launcher. {@code up} checks every binary and port before it starts anything and waits for readiness;
 * {@code down} stops exactly the processes its pid files name (pid and start time must match), and any process whose
 * command line names this stack's {@code .run} directory (the fallback for a pid file that is corrupt or was lost).
 */
public final class NativeRuntime {
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);

    private final StackLayout layout;
    private final P21monConfig config;
    private final Map<String, String> env;
    private final List<String> p21monLauncher;
    private final StackProbe probe;

    /**
     * @param env            the environment of the started programs (its PATH is where binaries are looked up)
     * @param p21monLauncher the command that runs p21mon with the same configuration, e.g. {@code [java, -cp, JAR,
     *                       io.perfect21.p21mon.cli.P21mon, -c, p21mon.yaml]}; {@code metrics serve ...} is appended
     */
    public NativeRuntime(StackLayout layout, P21monConfig config, Map<String, String> env, List<String> p21monLauncher) {
        this.layout = layout;
        this.config = config;
        this.env = Map.copyOf(env);
        this.p21monLauncher = List.copyOf(p21monLauncher);
        this.probe = new StackProbe(config);
    }

    /**
     * Starts what is not running yet of the services of {@code profiles} and waits until every started service is
     * ready, or fails and stops them. An optional service whose program is not installed is skipped (said on
     * {@code progress} with how to get it) unless its profile is in {@code demanded}: then nothing starts.
     */
    public StackUpReport up(java.util.Set<StackProfile> profiles, java.util.Set<StackProfile> demanded, Duration timeout,
                            Consumer<String> progress) {
        StackManifest.require(layout);
        List<StackService> services = StackService.of(profiles);
        List<StackUpReport.ServiceState> states = new ArrayList<>();
        Map<StackService, List<String>> toStart = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        for (StackService s : services) {
            int port = port(s);
            Optional<PidFile> running = runningPidFile(s);
            if (running.isPresent()) {
                states.add(new StackUpReport.ServiceState(s.key(), "running", running.get().pid(), port, "already running"));
                continue;
            }
            if (s == StackService.CADVISOR) {
                states.add(new StackUpReport.ServiceState(s.key(), "skipped", null, port,
                        "docker runtime only (cAdvisor reads the engine's containers)"));
                continue;
            }
            Optional<List<String>> cmd = command(s);
            if (cmd.isEmpty()) {
                String why = whyMissing(s);
                if (s.required() || demanded.contains(s.profile())) {
                    missing.add(why);
                } else {
                    states.add(new StackUpReport.ServiceState(s.key(), "skipped", null, port, "not installed, skipped"));
                    progress.accept("not starting " + s.key() + ": " + why
                            + (s.profile() != null ? "; '--without " + s.profile() + "' stops asking for it" : ""));
                }
                continue;
            }
            toStart.put(s, cmd.get());
        }
        if (!missing.isEmpty()) {
            throw P21monException.failed("cannot start the native stack, nothing was started: " + String.join("; ", missing));
        }
        List<String> busy = new ArrayList<>();
        toStart.keySet().forEach(s -> portsOf(s).forEach((what, port) -> {
            if (!portFree(port)) {
                busy.add(what + " 127.0.0.1:" + port + " (held by " + PortOwners.describe(port) + ")");
            }
        }));
        if (!busy.isEmpty()) {
            throw P21monException.failed("ports in use, nothing was started: " + String.join(", ", busy)
                    + "; stop what listens there or choose other ports in stack.ports");
        }
        createRunDirs();
        writeRuntime("native");
        long t0 = System.nanoTime();
        Map<StackService, Process> started = new LinkedHashMap<>();
        try {
            for (Map.Entry<StackService, List<String>> e : toStart.entrySet()) {
                StackService s = e.getKey();
                progress.accept("starting " + s.key() + " on 127.0.0.1:" + port(s));
                Process p = start(s, e.getValue());
                started.put(s, p);
                PidFile.of(s.key(), p.toHandle(), port(s), e.getValue()).write(layout.pidFile(s.key()));
            }
            awaitReady(started, timeout);
        } catch (RuntimeException e) {
            started.keySet().forEach(s -> stopService(s.key()));
            throw e;
        }
        long readyMillis = (System.nanoTime() - t0) / 1_000_000;
        started.forEach((s, p) -> states.add(new StackUpReport.ServiceState(s.key(), "started", p.pid(), port(s),
                "log " + layout.logFile(s.key()))));
        states.sort(java.util.Comparator.comparingInt(st -> StackService.byKey(st.service()).ordinal()));
        return new StackUpReport("native", states, readyMillis, null);
    }

    /** Stops every process of this stack: those its pid files name, then any other naming its {@code .run} dir. */
    public StackDownReport down() {
        List<StackDownReport.Stopped> stopped = new ArrayList<>();
        for (Path f : pidFiles()) {
            String service = f.getFileName().toString().replaceFirst("\\.pid$", "");
            stopped.add(stopPidFile(service, f));
        }
        for (ProcessHandle stray : strays()) {
            String cmdline = cmdline(stray);
            String name = cmdline.contains(" metrics serve ") ? "p21mon"
                    : Path.of(stray.info().command().orElse("?")).getFileName().toString();
            stopped.add(new StackDownReport.Stopped(name, terminate(stray), stray.pid(),
                    "found by its command line naming " + layout.runDir()));
        }
        try {
            Files.deleteIfExists(layout.runtimeMarker());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> open = new ArrayList<>();
        StackManifest manifest = safeManifest();
        List<StackService> services = manifest == null ? List.of(StackService.values()) : StackService.of(manifest);
        List<StackDownReport.Stopped> foreign = new ArrayList<>();
        for (StackService s : services) {
            if (s == StackService.CADVISOR || portFree(port(s))) {
                continue;
            }
            if (stopped.stream().anyMatch(x -> x.service().equals(s.key()))) {
                open.add(s.key() + " 127.0.0.1:" + port(s));
            } else {
                foreign.add(new StackDownReport.Stopped(s.key(), "left alone", PortOwners.of(port(s))
                        .map(PortOwners.Owner::pid).orElse(null), "foreign: 127.0.0.1:" + port(s) + " is held by "
                        + PortOwners.describe(port(s)) + ", which this stack did not start"));
            }
        }
        stopped.addAll(foreign);
        return new StackDownReport("native", stopped, open);
    }

    private StackManifest safeManifest() {
        try {
            return StackManifest.read(layout);
        } catch (P21monException e) {
            return null;
        }
    }

    private StackDownReport.Stopped stopPidFile(String service, Path file) {
        PidFile pf;
        try {
            pf = PidFile.read(file);
        } catch (IOException | RuntimeException e) {
            delete(file);
            return new StackDownReport.Stopped(service, "corrupt pid file", null, file + " was not a p21mon pid file ("
                    + (e instanceof com.fasterxml.jackson.core.JsonProcessingException ? "not JSON" : IoErrors.describe(e))
                    + "); removed; its process, if any, is found by its command line below");
        }
        Optional<ProcessHandle> p = pf.process();
        delete(file);
        if (p.isEmpty()) {
            return new StackDownReport.Stopped(service, "not running", pf.pid(),
                    "pid " + pf.pid() + " had exited (or is now another program, left alone)");
        }
        return new StackDownReport.Stopped(service, terminate(p.get()), pf.pid(), null);
    }

    private void stopService(String service) {
        Path f = layout.pidFile(service);
        if (Files.exists(f)) {
            stopPidFile(service, f);
        }
    }

    /** SIGTERM, up to {@link #STOP_GRACE} to exit, then SIGKILL; returns what it took. */
    private static String terminate(ProcessHandle p) {
        p.destroy();
        long deadline = System.nanoTime() + STOP_GRACE.toNanos();
        while (System.nanoTime() < deadline) {
            if (!PidFile.running(p)) {
                return "stopped";
            }
            sleep(20);
        }
        p.destroyForcibly();
        for (int i = 0; i < 100 && PidFile.running(p); i++) {
            sleep(20);
        }
        return "killed";
    }

    /** Processes (other than this one and its ancestors) whose command line names this stack's run directory. */
    private List<ProcessHandle> strays() {
        String run = layout.runDir().toString() + File.separator;
        List<Long> mine = new ArrayList<>();
        for (Optional<ProcessHandle> p = Optional.of(ProcessHandle.current()); p.isPresent(); p = p.get().parent()) {
            mine.add(p.get().pid());
        }
        try (Stream<ProcessHandle> all = ProcessHandle.allProcesses()) {
            return all.filter(p -> !mine.contains(p.pid()) && PidFile.running(p))
                    .filter(p -> cmdline(p).contains(run)).toList();
        }
    }

    private static String cmdline(ProcessHandle p) {
        try {
            byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(p.pid()), "cmdline"));
            return new String(raw, StandardCharsets.UTF_8).replace('\0', ' ');
        } catch (IOException | RuntimeException e) {
            return p.info().commandLine().orElse("");
        }
    }

    private Optional<PidFile> runningPidFile(StackService s) {
        Path f = layout.pidFile(s.key());
        if (!Files.exists(f)) {
            return Optional.empty();
        }
        try {
            PidFile pf = PidFile.read(f);
            return pf.process().isPresent() ? Optional.of(pf) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private List<Path> pidFiles() {
        if (!Files.isDirectory(layout.runDir())) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(layout.runDir())) {
            return files.filter(f -> f.getFileName().toString().endsWith(".pid")).sorted().toList();
        } catch (IOException e) {
            throw P21monException.failed("cannot list " + layout.runDir() + ": " + IoErrors.describe(layout.runDir(), e), e);
        }
    }

    private int port(StackService s) {
        return config.stack().ports().get(s.key());
    }

    /** Every port a service binds, by what it is. */
    private Map<String, Integer> portsOf(StackService s) {
        Map<String, Integer> m = new LinkedHashMap<>();
        m.put(s.key(), port(s));
        if (s == StackService.LOKI) {
            m.put("loki grpc", port(s) + 1);
        }
        if (s == StackService.JAEGER) {
            m.put("jaeger otlp grpc (stack.ports.otlp_grpc)", config.stack().ports().get("otlp_grpc"));
            m.put("jaeger otlp http (stack.ports.otlp_http)", config.stack().ports().get("otlp_http"));
        }
        return m;
    }

    static boolean portFree(int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Why a service's program was not found, and how to get it. */
    private String whyMissing(StackService s) {
        Optional<Path> loki = s == StackService.LOKI ? Binaries.find(env, s.binaries()) : Optional.empty();
        String found = loki.map(p -> p + " is not Grafana Loki (its -version does not say 'loki, version'); ").orElse("");
        return found + (found.isEmpty() ? "none of " + String.join(", ", s.binaries()) + " is on PATH" : "")
                + " (install: " + Binaries.debianPackage(s) + ")";
    }

    /** The command line of a service, or empty when its binary is not installed. */
    Optional<List<String>> command(StackService s) {
        String listen = "127.0.0.1:" + port(s);
        Path nat = layout.nativeDir();
        if (s == StackService.P21MON) {
            List<String> cmd = new ArrayList<>(p21monLauncher);
            cmd.addAll(List.of("metrics", "serve", "--quiet", "--listen", listen, "--state-dir", layout.dataDir("p21mon").toString()));
            return Optional.of(cmd);
        }
        Optional<Path> bin = Binaries.find(env, s.binaries());
        if (bin.isEmpty() || s == StackService.LOKI && !Binaries.isGrafanaLoki(bin.get(), env)) {
            return Optional.empty();
        }
        List<String> cmd = new ArrayList<>(List.of(bin.get().toString()));
        switch (s) {
            case PROMETHEUS -> cmd.addAll(List.of("--config.file=" + nat.resolve("prometheus.yml"),
                    "--storage.tsdb.path=" + layout.dataDir("prometheus"),
                    "--storage.tsdb.retention.time=" + Durations.format(config.metrics().retentionPeriod()),
                    "--web.listen-address=" + listen, "--web.enable-lifecycle", "--web.external-url=http://" + listen));
            case ALERTMANAGER -> cmd.addAll(List.of("--config.file=" + nat.resolve("alertmanager.yml"),
                    "--storage.path=" + layout.dataDir("alertmanager"), "--web.listen-address=" + listen,
                    "--web.external-url=http://" + listen, "--cluster.listen-address="));
            case PUSHGATEWAY -> cmd.addAll(List.of("--web.listen-address=" + listen,
                    "--persistence.file=" + layout.dataDir("pushgateway").resolve("pushgateway.data")));
            case NODE_EXPORTER -> cmd.addAll(List.of("--web.listen-address=" + listen, "--no-collector.systemd",
                    "--collector.textfile.directory=" + layout.dataDir("node_exporter")));
            case GRAFANA -> {
                if (bin.get().getFileName().toString().equals("grafana")) {
                    cmd.add("server");
                }
                if (Files.isDirectory(Path.of("/usr/share/grafana"))) {
                    cmd.add("--homepath=/usr/share/grafana");
                }
                cmd.addAll(List.of("cfg:default.paths.data=" + layout.dataDir("grafana"),
                        "cfg:default.paths.logs=" + layout.dataDir("grafana").resolve("log"),
                        "cfg:default.paths.provisioning=" + nat.resolve("grafana/provisioning"),
                        "cfg:default.server.http_addr=127.0.0.1", "cfg:default.server.http_port=" + port(s)));
            }
            case LOKI -> cmd.add("-config.file=" + nat.resolve("loki.yml"));
            case BLACKBOX -> cmd.addAll(List.of("--config.file=" + nat.resolve("blackbox.yml"),
                    "--web.listen-address=" + listen));
            case JAEGER -> {
                if (Binaries.isJaegerV2(bin.get(), env)) {
                    cmd.addAll(List.of("--config", jaegerV2Config().toString()));
                } else {
                    cmd.addAll(jaegerV1Flags(listen));
                }
            }
            default -> throw new IllegalStateException(s.name());
        }
        return Optional.of(cmd);
    }

    /** The configuration file of a Jaeger v2, written by {@code stack config} with {@code traces}. */
    private Path jaegerV2Config() {
        Path f = layout.nativeDir().resolve("jaeger-v2.yml");
        if (!Files.isRegularFile(f)) {
            throw P21monException.failed("the jaeger on PATH is Jaeger v2, which needs " + f
                    + "; run 'p21mon stack config' to write it");
        }
        return f;
    }

    /** The flags of Jaeger v1's all-in-one. */
    private List<String> jaegerV1Flags(String listen) {
        return List.of("--query.http-server.host-port=" + listen,
                "--collector.otlp.grpc.host-port=127.0.0.1:" + config.stack().ports().get("otlp_grpc"),
                "--collector.otlp.http.host-port=127.0.0.1:" + config.stack().ports().get("otlp_http"),
                // the admin port (health, metrics) is not probed: any free one, so it never collides
                "--admin.http.host-port=127.0.0.1:0",
                "--badger.ephemeral=false", "--badger.directory-key=" + layout.dataDir("jaeger").resolve("key"),
                "--badger.directory-value=" + layout.dataDir("jaeger").resolve("data"),
                "--badger.span-store-ttl=" + Math.max(1, config.metrics().retentionPeriod().toHours()) + "h");
    }

    private Process start(StackService s, List<String> cmd) {
        List<String> full = new ArrayList<>();
        // setsid: the daemons outlive this command and the terminal it ran in (no SIGHUP when it closes)
        Binaries.find(env, List.of("setsid")).ifPresent(setsid -> full.add(setsid.toString()));
        full.addAll(cmd);
        ProcessBuilder pb = new ProcessBuilder(full).directory(layout.dir().toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(layout.logFile(s.key()).toFile()));
        pb.environment().clear();
        pb.environment().putAll(env);
        if (s == StackService.GRAFANA) {
            String password = StackWriter.grafanaPassword(layout);
            if (password != null) {
                pb.environment().put("GF_SECURITY_ADMIN_PASSWORD", password);
            }
        }
        if (s == StackService.JAEGER) {
            pb.environment().put("SPAN_STORAGE_TYPE", "badger");
        }
        try {
            return pb.start();
        } catch (IOException e) {
            throw P21monException.failed("cannot start " + s.key() + " (" + String.join(" ", cmd) + "): " + IoErrors.describe(e), e);
        }
    }

    private void awaitReady(Map<StackService, Process> started, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<StackService, Boolean> ready = new HashMap<>();
        while (true) {
            for (Map.Entry<StackService, Process> e : started.entrySet()) {
                StackService s = e.getKey();
                if (ready.getOrDefault(s, false)) {
                    continue;
                }
                if (!e.getValue().isAlive()) {
                    throw P21monException.failed(s.key() + " exited with code " + e.getValue().exitValue()
                            + " before it was ready; the others were stopped. Last lines of " + layout.logFile(s.key())
                            + ":\n" + tail(layout.logFile(s.key())));
                }
                if (probe.ready(s, port(s))) {
                    ready.put(s, true);
                }
            }
            if (ready.size() == started.size()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                List<String> notReady = started.keySet().stream().filter(s -> !ready.containsKey(s)).map(StackService::key).toList();
                throw P21monException.failed("not ready within " + Durations.format(timeout) + ": "
                        + String.join(", ", notReady) + "; the started services were stopped. Logs in " + layout.runDir());
            }
            sleep(50);
        }
    }

    private void createRunDirs() {
        try {
            Files.createDirectories(layout.runDir());
            for (StackService s : StackService.values()) {
                Files.createDirectories(layout.dataDir(s.key()));
            }
        } catch (IOException e) {
            throw P21monException.failed("cannot create " + layout.runDir() + ": " + IoErrors.describe(layout.runDir(), e), e);
        }
    }

    private void writeRuntime(String runtime) {
        io.perfect21.p21mon.AtomicFiles.write(layout.runtimeMarker(), runtime + "\n");
    }

    static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
        } catch (IOException e) {
            return "(no log: " + IoErrors.describe(e) + ")";
        }
    }

    private static void delete(Path f) {
        try {
            Files.deleteIfExists(f);
        } catch (IOException e) {
            throw P21monException.failed("cannot remove " + f + ": " + IoErrors.describe(f, e), e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw P21monException.failed("interrupted");
        }
    }
}
