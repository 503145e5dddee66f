package io.perfect21.p21mon.cli;

import io.perfect21.p21mon.config.ConfigSchema;
import io.perfect21.p21mon.cli.render.Renderers;
import io.perfect21.p21mon.cli.render.Style;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code p21mon config schema}: the JSON Schema of p21mon.yaml. */
@Command(name = "schema", mixinStandardHelpOptions = true,
        description = "Print the JSON Schema of p21mon.yaml, for editors with a YAML language server.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  p21mon config schema > ~/.config/p21mon/p21mon.schema.json",
            "  # then, first line of p21mon.yaml:",
            "  # yaml-language-server: $schema=~/.config/p21mon/p21mon.schema.json"
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:printed"})
public final class ConfigSchemaCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @picocli.CommandLine.Mixin
    ConfigOptions options;

    @Override
    public void run() {
        Renderers.render(ConfigSchema.generate(), "json", spec.commandLine().getOut(), Style.PLAIN);
    }
}
