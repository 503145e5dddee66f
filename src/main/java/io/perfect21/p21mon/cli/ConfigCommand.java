package io.perfect21.p21mon.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code p21mon config}: write, check and show {@code p21mon.yaml}. */
@Command(name = "config", mixinStandardHelpOptions = true,
        description = "Write, check and show the configuration file p21mon.yaml.")
public final class ConfigCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw P21mon.missingSubcommand(spec);
    }
}
