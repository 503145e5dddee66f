package io.perfect21.p21mon.cli;

import io.perfect21.p21mon.P21monException;
import io.perfect21.p21mon.stack.DockerRuntime;
import io.perfect21.p21mon.stack.StackManifest;
import io.perfect21.p21mon.stack.StackProbe;
import io.perfect21.p21mon.stack.StackProfile;
import io.perfect21.p21mon.stack.StackRuntime;
import io.perfect21.p21mon.stack.StackUpReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code p21mon stack up}: start the stack. */
@Command(name = "up", mixinStandardHelpOptions = true,
        description = {"Start the stack written by 'stack config' and wait until every service is ready.",
            "docker: docker compose -p p21mon-monitoring --project-directory DIR -f DIR/docker-compose.monitoring.yml "
                + "--env-file DIR/.env up -d --wait. native: prometheus, alertmanager, pushgateway, node_exporter "
                + "(upstream or Debian names on PATH), 'p21mon metrics serve', and where installed grafana-server, "
                + "Grafana Loki and Jaeger (jaeger-all-in-one v1; jaeger v2 with DIR/native/jaeger-v2.yml) (profiles "
                + "logs and traces, on by default), "
                + "prometheus-blackbox-exporter (--with blackbox), each on 127.0.0.1 and its stack.ports port, pid "
                + "files and logs in DIR/.run/. An optional service that is not installed is named with how to get it "
                + "and skipped; the rest starts (exit 0). Without the compose plugin, docker-compose v1 is used. "
                + "auto: docker when 'docker info' answers and a compose is installed, else native. Every binary and "
                + "port is checked before anything starts; a port held by another process is named with its pid. "
                + "Formats: table, json, yaml."},
        footerHeading = "%nExamples:%n",
        footer = {"  p21mon stack up", "  p21mon stack up --runtime native --timeout 2m", "  p21mon stack up --without logs,traces"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every service ready", "1:a port is busy, a binary is missing, or a service did not become "
            + "ready (what this run started is stopped again)", "2:bad flag or configuration, no stack in DIR"})
public final class StackUpCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions config;
    @Mixin
    StackOptions stack;
    @Mixin
    OutputOptions output;

    @Option(names = "--runtime", paramLabel = "RUNTIME", converter = StackOptions.RuntimeConverter.class,
            description = "${COMPLETION-CANDIDATES}. Default: stack.runtime (auto).")
    StackRuntime runtime;

    @Option(names = "--with", split = ",", paramLabel = "PROFILE", converter = StackOptions.ProfileConverter.class,
            description = "Start these profiles too, and fail (exit 1) if one cannot start natively; each must be in "
                    + "the stack 'stack config' wrote. Values: ${COMPLETION-CANDIDATES}.")
    List<StackProfile> with;

    @Option(names = "--without", split = ",", paramLabel = "PROFILE", converter = StackOptions.ProfileConverter.class,
            description = "Do not start these profiles of the written stack, e.g. --without logs,traces.")
    List<StackProfile> without;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "60s",
            description = "How long to wait for readiness. Default: ${DEFAULT-VALUE}.")
    String timeout;

    @Override
    public Integer call() {
        output.check(StackUpReport.class, "table");
        StackRuntime rt = runtime != null ? runtime : StackRuntime.parse(config.config().stack().runtime());
        Duration wait = StackOptions.duration(timeout, "--timeout");
        Set<StackProfile> written = StackManifest.require(stack.layout()).profiles();
        List<StackProfile> asked = with == null ? List.of() : with;
        for (StackProfile p : asked) {
            if (!written.contains(p)) {
                throw P21monException.usage("--with " + p + ": the stack in " + stack.layout().dir() + " was written "
                        + "without it; run 'p21mon stack config --with " + p + "' first");
            }
        }
        Set<StackProfile> profiles = StackProfile.choose(written, List.of(), without == null ? List.of() : without);
        Map<String, String> env = stack.services().env();
        if (rt == StackRuntime.AUTO) {
            boolean engine = DockerRuntime.engineAnswers(env);
            rt = engine && DockerRuntime.composeInstalled(env) ? StackRuntime.DOCKER : StackRuntime.NATIVE;
            stack.progress().accept("runtime auto: " + rt + (rt == StackRuntime.DOCKER ? ""
                    : engine ? " (a Docker engine answers, but no compose is installed)" : " (no Docker engine answers)"));
        }
        StackUpReport r = rt == StackRuntime.DOCKER
                ? new DockerRuntime(stack.layout(), env).up(profiles, new StackProbe(config.config()), wait, stack.progress())
                : stack.nativeRuntime().up(profiles, java.util.EnumSet.copyOf(asked.isEmpty()
                        ? java.util.EnumSet.noneOf(StackProfile.class) : asked), wait, stack.progress());
        output.print(r);
        return ExitCodes.OK;
    }
}
