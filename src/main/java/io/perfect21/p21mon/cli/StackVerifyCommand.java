package io.perfect21.p21mon.cli;

import io.perfect21.p21mon.stack.StackVerifier;
import io.perfect21.p21mon.stack.StackVerifyReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

/** {@code p21mon stack verify}: prove the running stack works. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Prove the running stack works, as one pass/fail table: every service ready, every Prometheus "
                + "target up (each host of stack.targets too), rules loaded, Prometheus connected to Alertmanager, "
                + "Alertmanager's configuration loaded, a test alert POSTed to Alertmanager arriving at the "
                + "p21mon-verify webhook this command listens on (stack.verify_port), Grafana's datasources healthy "
                + "and a test span found in Jaeger where those run.",
            "Waits up to --timeout for targets to be scraped (Prometheus's first scrape comes a few seconds after "
                + "start). Formats: table, json, yaml."},
        footerHeading = "%nExamples:%n",
        footer = {"  p21mon stack up && p21mon stack verify", "  p21mon stack verify -o json | jq '.checks[] | select(.ok | not)'"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every check passed", "1:a check failed", "2:bad flag or configuration, no stack in DIR"})
public final class StackVerifyCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions config;
    @Mixin
    StackOptions stack;
    @Mixin
    OutputOptions output;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "60s",
            description = "How long to wait for scrapes and the test alert. Default: ${DEFAULT-VALUE}.")
    String timeout;

    @Override
    public Integer call() {
        output.check(StackVerifyReport.class, "table");
        StackVerifyReport r = new StackVerifier(config.config())
                .verify(stack.layout(), StackOptions.duration(timeout, "--timeout"), stack.progress());
        output.print(r);
        return r.ok() ? ExitCodes.OK : ExitCodes.FAILED;
    }
}
