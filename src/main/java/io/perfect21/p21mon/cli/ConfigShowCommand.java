package io.perfect21.p21mon.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.perfect21.p21mon.Json;
import io.perfect21.p21mon.audit.AuditStores;
import io.perfect21.p21mon.config.Secrets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.nio.file.Path;

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
        JsonNode shown = Json.mapper().valueToTree(options.config());
        if (shown.path("audit").path("dir").isNull()) {
            // unset means the state directory's audit/: the effective value is where the log is
            Path dir = AuditStores.dir(options.config().audit(), P21mon.services(options.mixee).workDir(),
                    options.stateDir(), null);
            ((ObjectNode) shown.get("audit")).put("dir", dir.toString());
        }
        output.print(Secrets.mask(shown), "yaml");
    }
}
