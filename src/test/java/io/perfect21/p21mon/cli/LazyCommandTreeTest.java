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
        P21mon.GROUPS.values().forEach(group -> group.forEach((name, type) ->
                assertThat(type.getAnnotation(CommandLine.Command.class).name()).as(type.getName()).isEqualTo(name)));
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

    @Test
    void inAGroupARunBuildsOnlyTheSubcommandItNames() {
        String[] args = {"-o", "json", "audit", "query", "--user", "alice"};
        CommandLine audit = P21mon.commandLine(services, new PrintWriter(new StringWriter()),
                new PrintWriter(new StringWriter()), args).getSubcommands().get("audit");
        // not even the group's help: 'p21mon audit query help' is no way to reach it
        assertThat(audit.getSubcommands().keySet()).containsExactly("query");
        String[] nested = {"alerts", "silence", "list"};
        CommandLine silence = P21mon.commandLine(services, new PrintWriter(new StringWriter()),
                new PrintWriter(new StringWriter()), nested).getSubcommands().get("alerts").getSubcommands().get("silence");
        assertThat(silence.getSubcommands().keySet()).containsExactly("list");
    }

    @Test
    void aGroupWithHelpATypoOrNoSubcommandGetsAllOfThem() {
        for (String[] args : new String[][] {{"audit"}, {"audit", "help", "query"}, {"audit", "quer"}, {"audit", "-h"}}) {
            CommandLine audit = P21mon.commandLine(services, new PrintWriter(new StringWriter()),
                    new PrintWriter(new StringWriter()), args).getSubcommands().get("audit");
            assertThat(audit.getSubcommands().keySet()).as(String.join(" ", args))
                    .containsAll(P21mon.GROUPS.get(AuditCommand.class).keySet())
                    .contains("help");
        }
    }

    @Test
    void theLazyTreeParsesEveryLeafAsTheWholeTreeDoes() {
        CommandLine whole = P21mon.commandLine(services, new PrintWriter(new StringWriter()),
                new PrintWriter(new StringWriter()));
        assertLeavesMatch(whole, new java.util.ArrayList<>());
    }

    private void assertLeavesMatch(CommandLine node, java.util.List<String> path) {
        if (node.getSubcommands().isEmpty() || node.getCommandSpec().helpCommand()) {
            if (path.isEmpty() || node.getCommandSpec().helpCommand()) {
                return;
            }
            String[] args = path.toArray(String[]::new);
            CommandLine lazy = P21mon.commandLine(services, new PrintWriter(new StringWriter()),
                    new PrintWriter(new StringWriter()), args);
            for (String name : path) {
                lazy = lazy.getSubcommands().get(name);
                assertThat(lazy).as(String.join(" ", path)).isNotNull();
            }
            assertThat(lazy.getCommandSpec().optionsMap().keySet()).as(String.join(" ", path))
                    .isEqualTo(node.getCommandSpec().optionsMap().keySet());
            return;
        }
        node.getSubcommands().forEach((name, sub) -> {
            path.add(name);
            assertLeavesMatch(sub, path);
            path.remove(path.size() - 1);
        });
    }
}
