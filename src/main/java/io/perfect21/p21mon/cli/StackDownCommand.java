package io.perfect21.p21mon.cli;

import io.perfect21.p21mon.stack.DockerRuntime;
import io.perfect21.p21mon.stack.StackDownReport;
import io.perfect21.p21mon.stack.StackProbe;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;

/** {@code p21mon stack down}: stop what {@code up} started. */
@Command(name = "down", mixinStandardHelpOptions = true,
        description = {"Stop what 'stack up' started. docker: docker compose ... down (volumes kept). native: each "
                + "process its pid file in DIR/.run/ names, if the pid still has the recorded start time (a reused "
                + "pid is left alone), with SIGTERM, then SIGKILL after 10 s; then any process whose command line names "
                + "DIR/.run/ (a corrupt or lost pid file). Never kills by program name: a stack port held by another "
                + "process (foreign) is left alone and named with its pid. Formats: table, json, yaml."},
        footerHeading = "%nExamples:%n",
        footer = {"  p21mon stack down", "  p21mon stack down --dir /srv/monitoring"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:stopped (or nothing was running)", "1:a port of the stack still answers: one of ours that did "
            + "not stop, or one held by a process this stack did not start (foreign, left running); or docker compose failed",
            "2:bad flag or configuration"})
public final class StackDownCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions config;
    @Mixin
    StackOptions stack;
    @Mixin
    OutputOptions output;

    @Override
    public Integer call() {
        output.check(StackDownReport.class, "table");
        boolean docker = StackProbe.runtime(stack.layout()).filter("docker"::equals).isPresent();
        StackDownReport r = docker ? new DockerRuntime(stack.layout(), stack.services().env()).down(stack.progress())
                : stack.nativeRuntime().down();
        output.print(r);
        return r.portsStillOpen().isEmpty() && r.foreign().isEmpty() ? ExitCodes.OK : ExitCodes.FAILED;
    }
}
