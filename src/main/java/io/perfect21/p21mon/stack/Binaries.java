package io.perfect21.p21mon.stack;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** Finds programs on a PATH (the one p21mon was given, not necessarily the JVM's). */
final class Binaries {
    private Binaries() {
    }

    static Optional<Path> find(Map<String, String> env, Iterable<String> names) {
        String path = env.getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
        for (String name : names) {
            for (String dir : path.split(File.pathSeparator)) {
                if (dir.isEmpty()) {
                    continue;
                }
                Path candidate = Path.of(dir, name);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    /** Whether this {@code loki} is Grafana Loki: its {@code -version} says {@code loki, version X}, within 5 s. */
    static boolean isGrafanaLoki(Path loki, Map<String, String> env) {
        return versionOutput(loki, "-version", env).contains("loki, version");
    }

    /**
     * Whether this Jaeger is Jaeger v2: a program named {@code jaeger} whose {@code --version} names a 2.x version
     * ({@code jaeger version v2.1.0}). {@code jaeger-all-in-one} is Jaeger v1.
     */
    static boolean isJaegerV2(Path jaeger, Map<String, String> env) {
        return jaeger.getFileName().toString().equals("jaeger")
                && java.util.regex.Pattern.compile("(?<![\\w.])v?2\\.\\d+").matcher(versionOutput(jaeger, "--version", env)).find();
    }

    /** What {@code program flag} prints within 5 s (stdout and stderr, at most 4 KiB); empty when it cannot run. */
    private static String versionOutput(Path program, String flag, Map<String, String> env) {
        try {
            ProcessBuilder pb = new ProcessBuilder(program.toString(), flag).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            pb.environment().clear();
            pb.environment().putAll(env);
            Process p = pb.start();
            if (!p.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "";
            }
            byte[] out = p.getInputStream().readNBytes(4096);
            return new String(out, java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    /** How to install a service's program, for "install it" messages. */
    static String debianPackage(StackService s) {
        return switch (s) {
            case PROMETHEUS -> "apt-get install --no-install-recommends prometheus";
            case ALERTMANAGER -> "apt-get install --no-install-recommends prometheus-alertmanager";
            case PUSHGATEWAY -> "apt-get install --no-install-recommends prometheus-pushgateway";
            case NODE_EXPORTER -> "apt-get install --no-install-recommends prometheus-node-exporter";
            case GRAFANA -> "grafana (from Grafana's apt repository)";
            case LOKI -> "Grafana Loki: package loki from Grafana's apt repository (apt.grafana.com) or loki-linux-amd64 "
                    + "from github.com/grafana/loki/releases, on PATH as loki; Debian's own 'loki' package is an "
                    + "unrelated genetics program";
            case JAEGER -> "jaeger (v2) or jaeger-all-in-one (v1) from github.com/jaegertracing/jaeger/releases, on PATH";
            case BLACKBOX -> "apt-get install --no-install-recommends prometheus-blackbox-exporter";
            case CADVISOR -> "cAdvisor runs with the docker runtime only";
            case P21MON -> "p21mon";
        };
    }
}
