package io.perfect21.p21mon.testing;

import org.junit.jupiter.api.Assumptions;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntFunction;
import java.util.stream.Stream;

/**
 * Starts the real servers of SPEC §8 for integration tests: each on a free loopback port, in a fresh temporary
 * directory, waiting until it answers its readiness endpoint (REAL-SERVERS.md has the flags and timing floors). Every
 * server is also registered in a JVM shutdown hook, so none is left behind when a test fails before closing it.
 * Start a server once per test class ({@code @BeforeAll}), not per test.
 *
 * <pre>{@code
 * static RealServer prometheus;
 *
 * @BeforeAll
 * static void start() {
 *     prometheus = Servers.prometheus("""
 *         global: {scrape_interval: 1s, evaluation_interval: 1s}
 *         rule_files: [rules.yml]
 *         """, Map.of("rules.yml", "groups: []"));
 * }
 *
 * @AfterAll
 * static void stop() {
 *     prometheus.close();
 * }
 * }</pre>
 *
 * A missing binary fails the test in CI ({@code CI=true}) and skips it elsewhere, naming the Debian package.
 */
public final class Servers {
    /** How long a server may take to become ready; generous, as the build machine is shared and small. */
    static final long READY_TIMEOUT_MILLIS = Long.getLong("p21mon.serverReadyTimeoutMillis", 60_000);

    private static final Set<AutoCloseable> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(Servers::closeAll, "p21mon-test-servers-reaper"));
    }

    private Servers() {
    }

    /**
     * Prometheus with the given configuration and rule files (written next to it by name, so {@code rule_files:} may
     * name them), a fresh TSDB, {@code --web.enable-lifecycle} and {@code --rules.alert.resend-delay=100ms}.
     */
    public static RealServer prometheus(String prometheusYml, Map<String, String> ruleFiles) {
        return prometheus(prometheusYml, ruleFiles, null);
    }

    /**
     * Prometheus on an existing TSDB directory (for example one made by
     * {@code promtool tsdb create-blocks-from openmetrics data.om DIR}), or a fresh one when {@code tsdbDir} is null.
     */
    public static RealServer prometheus(String prometheusYml, Map<String, String> ruleFiles, Path tsdbDir) {
        Path binary = binary("prometheus");
        Path dir = tempDir("prometheus");
        write(dir.resolve("prometheus.yml"), prometheusYml);
        ruleFiles.forEach((name, text) -> write(dir.resolve(name), text));
        Path tsdb = tsdbDir != null ? tsdbDir.toAbsolutePath() : dir.resolve("data");
        return start("prometheus", dir, true, "/-/ready", port -> List.of(binary.toString(),
                "--config.file=" + dir.resolve("prometheus.yml"),
                "--storage.tsdb.path=" + tsdb,
                "--web.listen-address=127.0.0.1:" + port,
                "--web.enable-lifecycle",
                "--web.external-url=http://127.0.0.1:" + port,
                "--rules.alert.resend-delay=100ms"));
    }

    /**
     * A TSDB directory holding the given OpenMetrics text ({@code promtool tsdb create-blocks-from openmetrics}), for
     * {@link #prometheus(String, Map, Path)}: queries then answer exact values at once, with no scraping or waiting.
     * Timestamps are in seconds and the text ends with {@code # EOF}, for example:
     * <pre>{@code
     * # TYPE p21_demo gauge
     * p21_demo{job="a"} 1 1700000000
     * p21_demo{job="a"} 2 1700000060
     * # EOF
     * }</pre>
     * The directory is removed when the JVM exits.
     */
    public static Path tsdbFromOpenMetrics(String openMetrics) {
        Path promtool = binary("promtool");
        Path dir = tempDir("tsdb");
        Path data = dir.resolve("data.om");
        Path tsdb = dir.resolve("tsdb");
        write(data, openMetrics.endsWith("\n") ? openMetrics : openMetrics + "\n");
        Path log = dir.resolve("promtool.log");
        List<String> cmd = List.of(promtool.toString(), "tsdb", "create-blocks-from", "openmetrics", data.toString(), tsdb.toString());
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new AssertionError("promtool could not build the TSDB: " + String.join(" ", cmd) + "\n"
                        + Processes.tail(log, 40));
            }
        } catch (IOException e) {
            throw new AssertionError("cannot run " + String.join(" ", cmd) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
        RUNNING.add(() -> Processes.deleteTree(dir));
        return tsdb;
    }

    /** Alertmanager with the given configuration, no clustering (otherwise it binds 0.0.0.0:9094). */
    public static RealServer alertmanager(String alertmanagerYml) {
        Path binary = binary("prometheus-alertmanager", "alertmanager");
        Path dir = tempDir("alertmanager");
        write(dir.resolve("alertmanager.yml"), alertmanagerYml);
        return start("alertmanager", dir, true, "/-/ready", port -> List.of(binary.toString(),
                "--config.file=" + dir.resolve("alertmanager.yml"),
                "--storage.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port,
                "--web.external-url=http://127.0.0.1:" + port,
                "--cluster.listen-address="));
    }

    /** A Pushgateway persisting to its own directory (the Debian default is in /var/lib). */
    public static RealServer pushgateway() {
        Path binary = binary("prometheus-pushgateway", "pushgateway");
        Path dir = tempDir("pushgateway");
        return start("pushgateway", dir, true, "/-/ready", port -> List.of(binary.toString(),
                "--web.listen-address=127.0.0.1:" + port,
                "--persistence.file=" + dir.resolve("pushgateway.data")));
    }

    /**
     * node_exporter reading {@code *.prom} files from {@code textfileDir} (its textfile collector), with the systemd
     * collector off (it logs an error on every scrape without systemd). Ready when {@code /metrics} answers.
     */
    public static RealServer nodeExporter(Path textfileDir) {
        Path binary = binary("prometheus-node-exporter", "node_exporter");
        Path dir = tempDir("node-exporter");
        return start("node_exporter", dir, true, "/metrics", port -> List.of(binary.toString(),
                "--web.listen-address=127.0.0.1:" + port,
                "--no-collector.systemd",
                "--collector.textfile.directory=" + textfileDir.toAbsolutePath()));
    }

    /** PostgreSQL in a fresh data directory, user {@code p21} with a password, database {@code app}. */
    public static Postgres postgres() {
        return Postgres.startNew();
    }

    /**
     * Starts any server: {@code command} gets the free port; ready when {@code readyPath} answers 200 over HTTP.
     * Retries on another port when the chosen one was taken meanwhile.
     */
    public static RealServer start(String name, Path dir, boolean ownsDir, String readyPath, IntFunction<List<String>> command) {
        String lastFailure = null;
        for (int attempt = 1; attempt <= 3; attempt++) {
            int port = freePort();
            Path log = dir.resolve("server.log");
            Process process;
            List<String> cmd = command.apply(port);
            try {
                process = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.to(log.toFile())).start();
            } catch (IOException e) {
                throw new AssertionError("cannot start " + name + " (" + String.join(" ", cmd) + "): " + e.getMessage(), e);
            }
            RealServer server = new RealServer(name, process, port, dir, log, ownsDir);
            RUNNING.add(server);
            String url = server.baseUrl() + readyPath;
            long deadline = System.currentTimeMillis() + READY_TIMEOUT_MILLIS;
            while (System.currentTimeMillis() < deadline) {
                if (!server.isAlive()) {
                    break;
                }
                if (httpStatus(url) == 200) {
                    return server;
                }
                Processes.sleep(25);
            }
            boolean died = !server.isAlive();
            String tail = server.logTail();
            lastFailure = name + (died ? " exited" : " was not ready at " + url + " within " + READY_TIMEOUT_MILLIS + " ms")
                    + "\ncommand: " + String.join(" ", cmd) + "\nlast lines of " + log + ":\n" + tail;
            server.stopProcess();
            if (!(died && tail.toLowerCase(Locale.ROOT).contains("address already in use"))) {
                break;
            }
        }
        if (ownsDir && !Boolean.getBoolean("p21mon.keepServerDirs")) {
            try {
                Processes.deleteTree(dir);
            } catch (IOException ignored) {
                // best effort
            }
        }
        throw new AssertionError(lastFailure);
    }

    /**
     * The first of {@code names} found on PATH (and, for PostgreSQL's tools, in /usr/lib/postgresql/VERSION/bin,
     * newest first). When none is found: in CI ({@code CI=true}) an {@link AssertionError} naming the Debian package to
     * install; elsewhere the test is aborted (skipped) with the same message.
     */
    public static Path binary(String... names) {
        return binary(System.getenv(), names);
    }

    static Path binary(Map<String, String> env, String... names) {
        List<Path> dirs = new ArrayList<>();
        String path = env.get("PATH");
        if (path != null) {
            for (String p : path.split(File.pathSeparator)) {
                if (!p.isEmpty()) {
                    dirs.add(Path.of(p));
                }
            }
        }
        dirs.addAll(postgresBinDirs());
        // root's tools (runuser) when PATH lacks the sbin directories
        dirs.add(Path.of("/usr/sbin"));
        dirs.add(Path.of("/sbin"));
        for (String name : names) {
            for (Path d : dirs) {
                Path candidate = d.resolve(name);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return candidate;
                }
            }
        }
        String message = "none of " + String.join(", ", names) + " is installed (on PATH"
                + (names.length > 0 && isPostgresTool(names[0]) ? " or in /usr/lib/postgresql/*/bin" : "")
                + "); install the Debian package: apt-get install --no-install-recommends " + debianPackage(names[0]);
        if ("true".equalsIgnoreCase(env.get("CI"))) {
            throw new AssertionError(message + " (CI=true: integration tests must not skip)");
        }
        Assumptions.abort(message);
        throw new AssertionError(message);
    }

    /** The Debian package that ships a binary, for messages. */
    public static String debianPackage(String binary) {
        return switch (binary) {
            case "prometheus", "promtool" -> "prometheus";
            case "prometheus-alertmanager", "alertmanager", "amtool" -> "prometheus-alertmanager";
            case "prometheus-pushgateway", "pushgateway" -> "prometheus-pushgateway";
            case "prometheus-node-exporter", "node_exporter" -> "prometheus-node-exporter";
            case "docker-compose" -> "docker-compose";
            case "sqlite3" -> "sqlite3";
            case "git" -> "git";
            default -> isPostgresTool(binary) ? "postgresql" : binary;
        };
    }

    /** A port nobody listens on at this moment (the kernel picks it). */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The HTTP status of a GET, or -1 when nothing answers. */
    public static int httpStatus(String url) {
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
            c.setConnectTimeout(1000);
            c.setReadTimeout(3000);
            try {
                int code = c.getResponseCode();
                (code >= 400 ? c.getErrorStream() : c.getInputStream()).readAllBytes();
                return code;
            } finally {
                c.disconnect();
            }
        } catch (IOException | NullPointerException e) {
            return -1;
        }
    }

    /** Whether something accepts TCP connections on the loopback port. */
    public static boolean portOpen(int port) {
        try (java.net.Socket s = new java.net.Socket()) {
            s.connect(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static Path tempDir(String name) {
        try {
            return Files.createTempDirectory("p21-" + name + "-").toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void write(Path file, String text) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void register(AutoCloseable server) {
        RUNNING.add(server);
    }

    static void forget(AutoCloseable server) {
        RUNNING.remove(server);
    }

    private static void closeAll() {
        for (AutoCloseable server : List.copyOf(RUNNING)) {
            closeQuietly(server);
        }
    }

    private static void closeQuietly(AutoCloseable server) {
        try {
            server.close();
        } catch (Exception e) {
            System.err.println("p21mon tests: could not stop " + server + ": " + e);
        }
    }

    private static boolean isPostgresTool(String name) {
        return List.of("initdb", "pg_ctl", "postgres", "psql", "createdb", "pg_isready", "pg_dump").contains(name);
    }

    private static List<Path> postgresBinDirs() {
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> versions = Files.list(root)) {
            return versions.map(v -> v.resolve("bin")).filter(Files::isDirectory)
                    .sorted(Comparator.comparingInt(Servers::majorVersion).reversed()).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static int majorVersion(Path binDir) {
        try {
            return Integer.parseInt(binDir.getParent().getFileName().toString().replaceAll("\\..*$", ""));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
