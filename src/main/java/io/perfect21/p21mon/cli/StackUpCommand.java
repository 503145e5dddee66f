package io.perfect21.p21mon.cli;

import io.perfect21.p21mon.P21monException;
import io.perfect21.p21mon.stack.DockerRuntime;
import io.perfect21.p21mon.stack.StackUpReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.concurrent.Callable;

/** {@code p21mon stack up}: start the stack. */
@Command(name = "up", mixinStandardHelpOptions = true,
        description = {"Start the stack written by 'stack config' and wait until every service is ready.",
            "docker: docker compose -p p21mon-monitoring --project-directory DIR -f DIR/docker-compose.monitoring.yml "
                + "--env-file DIR/.env up -d --wait. native: prometheus, alertmanager, pushgateway, node_exporter "
                + "(upstream or Debian names on PATH), grafana-server, loki, jaeger-all-in-one where installed, and "
                + "'p21mon metrics serve', each on 127.0.0.1 and its stack.ports port, pid files and logs in DIR/.run/. "
                + "auto: docker when 'docker info' answers, else native. Every binary and port is checked before "
                + "anything starts. Formats: table, json, yaml."},
        footerHeading = "%nExamples:%n",
        footer = {"  p21mon stack up", "  p21mon stack up --runtime native --timeout 2m"},
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

    @Option(names = "--runtime", paramLabel = "auto|docker|native", description = "Default: stack.runtime (auto).")
    String runtime;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "60s",
            description = "How long to wait for readiness (native). Default: ${DEFAULT-VALUE}.")
    String timeout;

    @Override
    public Integer call() {
        output.check(StackUpReport.class, "table");
        String rt = runtime != null ? runtime : config.config().stack().runtime();
        if (!rt.matches("auto|docker|native")) {
            throw P21monException.usage("--runtime must be auto, docker or native, got '" + rt + "'");
        }
        Duration wait = StackOptions.duration(timeout, "--timeout");
        if (rt.equals("auto")) {
            rt = DockerRuntime.engineAnswers(stack.services().env()) ? "docker" : "native";
            stack.progress().accept("runtime auto: " + rt + (rt.equals("native") ? " (no Docker engine answers)" : ""));
        }
        StackUpReport r = rt.equals("docker")
                ? new DockerRuntime(stack.layout(), stack.services().env()).up(stack.progress())
                : stack.nativeRuntime().up(wait, stack.progress());
        output.print(r);
        return ExitCodes.OK;
    }
}
