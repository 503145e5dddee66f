package io.perfect21.p21mon.cli;

import io.perfect21.p21mon.tracing.Tracing;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;

/** The {@link Tracing} of a command run: from {@code tracing:} and {@code OTEL_*}, its notices on stderr. */
final class TracingSetup {
    private TracingSetup() {
    }

    static Tracing open(CommandSpec spec, ConfigOptions options) {
        Services s = P21mon.services(spec);
        PrintWriter err = spec.commandLine().getErr();
        return Tracing.from(options.config().tracing(), s.env(), s.workDir(), notice -> {
            if (!options.quiet() || notice.startsWith("tracing: could not export")) {
                synchronized (err) {
                    err.println("p21mon: " + notice);
                    err.flush();
                }
            }
        });
    }
}
