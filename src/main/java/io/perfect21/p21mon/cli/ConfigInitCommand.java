package io.perfect21.p21mon.cli;

import io.perfect21.p21mon.config.ConfigFiles;
import io.perfect21.p21mon.config.ConfigLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;

/** {@code p21mon config init}: writes the commented example configuration. */
@Command(name = "init", mixinStandardHelpOptions = true,
        description = "Write a commented example p21mon.yaml (every section, with its defaults) that 'config validate' accepts.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  p21mon config init                   # writes ./p21mon.yaml",
            "  p21mon config init /etc/p21mon/p21mon.yaml",
            "  p21mon config init - | less          # print it instead"
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:written", "1:the file could not be written", "2:the file exists (use --force)"})
public final class ConfigInitCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOptions options;

    @Parameters(arity = "0..1", paramLabel = "FILE", description = "Where to write it (default ./p21mon.yaml; - for stdout).")
    Path file; // a Path so that Tab completes file names; - is stdout

    @Option(names = "--force", description = "Overwrite an existing file.")
    boolean force;

    @Override
    public void run() {
        String example = ConfigFiles.example();
        if (file != null && file.toString().equals("-")) {
            spec.commandLine().getOut().print(example);
            spec.commandLine().getOut().flush();
            return;
        }
        Path target = P21mon.services(spec).workDir().resolve(file != null ? file : Path.of(ConfigLoader.FILE_NAME));
        ConfigFiles.write(target, example, force);
        if (!options.quiet()) {
            spec.commandLine().getErr().println("p21mon: wrote " + target);
        }
    }
}
