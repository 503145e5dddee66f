package io.perfect21.p21mon.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class LazyCommandTreeTest {
    private final Services services = Services.of(Map.of("HOME", "/nonexistent"), Path.of("."));

    @Test
    void everyRegisteredNameIsTheCommandsOwnName() {
        P21mon.COMMANDS.forEach((name, type) -> assertThat(type == HelpCommand.class
                ? HelpCommand.commandLine().getCommandName() // built in code, like the root
                : type.getAnnotation(CommandLine.Command.class).name()).as(type.getName()).isEqualTo(name));
    }

    @Test
    void aRunBuildsOnlyTheCommandItNames() {
        assertThat(P21mon.commandsFor(new String[] {"health", "-o", "json"})).containsExactly("health");
        assertThat(P21mon.commandsFor(new String[] {"-c", "health", "config", "show"})).containsExactly("config");
        assertThat(P21mon.commandsFor(new String[] {"--state-dir", "/x", "-v", "metrics", "show"})).containsExactly("metrics");
        assertThat(P21mon.commandsFor(new String[] {"-o", "json", "health"})).containsExactly("health");
        assertThat(P21mon.commandsFor(new String[] {"--version"})).isEmpty();
    }

    @Test
    void helpTyposAndNoCommandBuildEverything() {
        for (String[] args : new String[][] {{}, {"--help"}, {"help", "health"}, {"helth"}, {"-v"}}) {
            assertThat(P21mon.commandsFor(args)).as(String.join(" ", args)).containsExactlyElementsOf(P21mon.COMMANDS.keySet());
        }
    }

    @Test
    void aTypoStillGetsPicocliSuggestionWithTheLazyTree() {
        StringWriter err = new StringWriter();
        String[] args = {"helth"};
        int code = P21mon.commandLine(services, new PrintWriter(new StringWriter()), new PrintWriter(err), args).execute(args);
        assertThat(code).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("Did you mean").contains("health");
    }

    @Test
    void versionNeedsNoSubcommands() {
        StringWriter out = new StringWriter();
        String[] args = {"--version"};
        CommandLine cl = P21mon.commandLine(services, new PrintWriter(out), new PrintWriter(new StringWriter()), args);
        assertThat(cl.getSubcommands()).isEmpty();
        assertThat(cl.execute(args)).isZero();
        assertThat(out.toString()).startsWith("p21mon ");
    }
}
