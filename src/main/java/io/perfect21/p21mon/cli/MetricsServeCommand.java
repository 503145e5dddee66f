package io.perfect21.p21mon.cli;

import io.perfect21.p21mon.config.P21monConfig;
import io.perfect21.p21mon.metrics.Listen;
import io.perfect21.p21mon.metrics.MetricsService;
import io.perfect21.p21mon.metrics.WebConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code p21mon metrics serve}: the exporter, until SIGTERM or Ctrl-C. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serve /metrics (host, health checks, git repositories, JVM and process metrics; text 0.0.4 "
                + "or OpenMetrics by the Accept header, gzip when asked), /health (health JSON: 200 healthy or "
                + "degraded, 503 otherwise) and /-/ready.",
            "Host, git and health data refresh in the background every metrics.update_interval; a scrape never "
                + "waits on them. Stops cleanly on SIGTERM or Ctrl-C."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  p21mon metrics serve                               # :8080, or metrics.port",
            "  p21mon metrics serve --listen 127.0.0.1:9400",
            "  p21mon metrics serve --web.config.file web.yml     # TLS and basic auth, exporter-toolkit format"
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"143:stopped by SIGTERM (130: Ctrl-C), after closing the server", "1:cannot listen (port in use, address not local)",
            "2:bad flag, configuration or web config file"})
public final class MetricsServeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    ConfigOptions options;

    @Option(names = "--listen", paramLabel = "HOST:PORT",
            description = "Address to listen on: HOST:PORT, :PORT (all interfaces) or [::1]:PORT. Default :metrics.port.")
    String listen;

    @Option(names = "--web.config.file", paramLabel = "FILE",
            description = "TLS (tls_server_config) and basic auth (basic_auth_users, bcrypt) in the exporter-toolkit format.")
    Path webConfig;

    @Override
    public Integer call() throws InterruptedException {
        P21monConfig config = options.config();
        Listen address = listen != null ? Listen.parse(listen, "--listen")
                : new Listen("", config.metrics().port());
        WebConfig web = webConfig == null ? WebConfig.none()
                : WebConfig.load(P21mon.services(spec).workDir().resolve(webConfig));
        MetricsService.Running running = MetricsCommand.service(spec, options).serve(address, web);
        Thread hook = new Thread(running::close, "p21mon-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        if (!options.quiet()) {
            spec.commandLine().getErr().println("p21mon: serving " + running.server().url() + "/metrics (refresh every "
                    + io.perfect21.p21mon.config.Durations.format(config.metrics().updateInterval()) + ")");
            spec.commandLine().getErr().flush();
        }
        try {
            running.server().awaitClose();
        } finally {
            running.close();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is what stopped us
            }
        }
        return ExitCodes.OK;
    }
}
