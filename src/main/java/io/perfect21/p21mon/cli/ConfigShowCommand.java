package io.perfect21.p21mon.cli;

import io.perfect21.p21mon.Json;
import io.perfect21.p21mon.config.Secrets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code p21mon config show}: the effective configuration with secrets masked. */
@Command(name = "show", mixinStandardHelpOptions = true,
        description = "Print the effective configuration: the file merged over the defaults, environment references "
                + "expanded, secrets (passwords, tokens, webhook URLs, URL credentials) masked. Default format: yaml.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  p21mon config show",
            "  p21mon config show -o json | jq .health",
            "  p21mon config show -o table"
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:printed", "2:the configuration is invalid"})
public final class ConfigShowCommand implements Runnable {
    @Mixin
    ConfigOptions options;

    @Mixin
    OutputOptions output;

    @Override
    public void run() {
        output.check(com.fasterxml.jackson.databind.JsonNode.class, "yaml");
        output.print(Secrets.mask(Json.mapper().valueToTree(options.config())), "yaml");
    }
}
