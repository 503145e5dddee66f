package io.perfect21.p21mon.cli;

import io.perfect21.p21mon.config.P21monConfig;
import io.perfect21.p21mon.stack.StackConfigReport;
import io.perfect21.p21mon.stack.StackProfile;
import io.perfect21.p21mon.stack.StackTargets;
import io.perfect21.p21mon.stack.StackTemplates;
import io.perfect21.p21mon.stack.StackWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code p21mon stack config}: write the stack's files. */
@Command(name = "config", mixinStandardHelpOptions = true,
        description = {"Write the whole stack into DIR: docker-compose.monitoring.yml, prometheus.yml, alertmanager.yml, "
                + "rules/, targets/ (file-based service discovery of stack.targets), Grafana provisioning and dashboards, "
                + "loki.yml, blackbox.yml and a blackbox dashboard (--with blackbox), native/ (the same for 'stack up --runtime native', "
                + "plus jaeger-v2.yml for a Jaeger v2), and .env (0600) with a "
                + "generated Grafana admin password.",
            "A re-run keeps the password and every file you edited (reported as kept); --force replaces them. "
                + "Formats: table, json, yaml."},
        footerHeading = "%nExamples:%n",
        footer = {"  p21mon stack config", "  p21mon stack config --dir /srv/monitoring --with blackbox",
            "  p21mon stack config --without logs,traces"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:written", "1:cannot write", "2:bad flag or configuration, stack dir of another version"})
public final class StackConfigCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions config;
    @Mixin
    StackOptions stack;
    @Mixin
    OutputOptions output;

    @Option(names = "--with", split = ",", paramLabel = "PROFILE", converter = StackOptions.ProfileConverter.class,
            description = "Add optional services to stack.with (default logs,traces): logs (Loki), traces (Jaeger, "
                    + "OTLP on stack.ports.otlp_grpc/otlp_http), blackbox (blackbox_exporter probing the http checks "
                    + "of health.checks), cadvisor (container metrics, docker runtime). Values: ${COMPLETION-CANDIDATES}.")
    List<StackProfile> with;

    @Option(names = "--without", split = ",", paramLabel = "PROFILE", converter = StackOptions.ProfileConverter.class,
            description = "Leave these profiles out, e.g. --without logs,traces for the core stack only.")
    List<StackProfile> without;

    @Option(names = "--force", description = "Replace files you edited too (the Grafana password is always kept).")
    boolean force;

    @Override
    public Integer call() {
        output.check(StackConfigReport.class, "table");
        P21monConfig cfg = config.config();
        List<String> profiles = StackProfile.keys(StackOptions.profiles(cfg, with, without));
        Path work = stack.services().workDir();
        Path targetsFile = cfg.stack().targetsFile() == null ? null : work.resolve(cfg.stack().targetsFile());
        Path templates = cfg.stack().templatesDir() == null ? null : work.resolve(cfg.stack().templatesDir());
        List<String> targets = StackTargets.resolve(cfg.stack().targets(), targetsFile, cfg.metrics().port());
        StackConfigReport r = new StackWriter(new StackTemplates(templates), StackOptions.parts(stack.services()), VersionProvider.version())
                .write(cfg, stack.layout().dir(), profiles, targets, force);
        output.print(r);
        return ExitCodes.OK;
    }
}
