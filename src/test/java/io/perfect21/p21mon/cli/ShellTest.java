package io.perfect21.p21mon.cli;

import io.perfect21.p21mon.testing.Cli;
import org.jline.reader.Candidate;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.Parser;
import org.jline.reader.impl.DefaultParser;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code p21mon shell} driven through a terminal over given streams: the same commands, prompts, history, reload. */
class ShellTest {
    @TempDir
    Path dir;

    private record Session(int code, String screen) {
    }

    private Session type(String input) throws IOException {
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        try (Terminal t = new DumbTerminal("test", "dumb", new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
                screen, StandardCharsets.UTF_8)) {
            int code = new Shell(t, Cli.in(dir).services(), dir.resolve("history")).run();
            t.flush();
            return new Session(code, screen.toString(StandardCharsets.UTF_8));
        }
    }

    @Test
    void runsCommandsWithTheirOwnOutputAndShowsAFailedExitCodeInThePrompt() throws IOException {
        Session s = type("config schema\nnosuch\nconfig validate\nexit\n");
        assertThat(s.screen()).contains("\"$schema\"");
        assertThat(s.screen()).contains("Unmatched argument", "nosuch");
        // the terminal does not echo what is typed: the prompt after the failure, then validate's answer
        assertThat(s.screen()).contains("p21mon [2]> no configuration file found");
        assertThat(s.screen()).endsWith("p21mon> ");
        assertThat(s.code()).isZero();
    }

    @Test
    void endOfInputLeavesWithTheLastCommandsExitCode() throws IOException {
        assertThat(type("nosuch\n").code()).isEqualTo(2);
    }

    @Test
    void keepsAHistoryFile() throws IOException {
        type("config validate\nexit\n");
        assertThat(Files.readString(dir.resolve("history"))).contains("config validate");
    }

    @Test
    void readsTheConfigurationOnceUntilReload() throws IOException {
        Files.writeString(dir.resolve("p21mon.yaml"), "metrics:\n  port: 8111\n");
        // config init --force rewrites the file (the example's port is 8080) between the first and second show
        Session s = type("config show -o json\nconfig init --force\nconfig show -o json\nreload\nconfig show -o json\nexit\n");
        List<String> ports = new ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"port\" : (\\d+)").matcher(s.screen());
        while (m.find()) {
            ports.add(m.group(1));
        }
        assertThat(Files.readString(dir.resolve("p21mon.yaml"))).doesNotContain("8111");
        assertThat(ports).containsExactly("8111", "8111", "8080");
        assertThat(s.screen()).contains("configuration will be read again");
    }

    @Test
    void refusesAShellInsideTheShell() throws IOException {
        Session s = type("shell\nexit\n");
        assertThat(s.screen()).contains("already in the shell");
    }

    /** The candidates the shell offers for a line with the cursor at its end. */
    private List<String> complete(String line) {
        StringWriter sink = new StringWriter();
        ShellCompleter completer = new ShellCompleter(P21mon.commandLine(Cli.in(dir).services(), new PrintWriter(sink),
                new PrintWriter(sink)).getCommandSpec());
        LineReader reader = LineReaderBuilder.builder().build();
        List<Candidate> candidates = new ArrayList<>();
        completer.complete(reader, new DefaultParser().parse(line, line.length(), Parser.ParseContext.COMPLETE), candidates);
        return candidates.stream().map(Candidate::value).toList();
    }

    @Test
    void completesCommandsSubcommandsOptionsAndTheShellsOwnWords() {
        assertThat(complete("")).contains("health", "audit", "config", "exit", "reload").doesNotContain("generate-completion");
        assertThat(complete("audit ")).contains("query", "verify", "log");
        assertThat(complete("health --")).contains("--output", "--check", "--watch");
    }
}
