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
            int code = new Shell(Cli.in(dir).services()).interactive(t, dir.resolve("history"));
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
        ShellCompleter completer = new ShellCompleter(Completion.decorate(P21mon.commandLine(Cli.in(dir).services(),
                new PrintWriter(sink), new PrintWriter(sink))), dir);
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

    @Test
    void completesOptionValuesFromTheListsTheyAreCheckedAgainst() throws IOException {
        assertThat(complete("alerts fire --severity ")).containsExactlyElementsOf(io.perfect21.p21mon.alerts.CustomAlert.SEVERITIES);
        assertThat(complete("alerts fire --via ")).containsExactlyElementsOf(AlertsFireCommand.VIAS);
        assertThat(complete("audit query --level ")).containsExactly("debug", "info", "warning", "error", "critical");
        assertThat(complete("audit report --by ")).containsExactlyElementsOf(io.perfect21.p21mon.audit.AuditReporter.DIMENSIONS);
        // -o: each command's own formats, from the types it renders (OutputOptions.check holds it to the same list)
        assertThat(complete("health -o ")).containsExactlyElementsOf(ReportTypes.formats("health")).contains("nagios");
        assertThat(complete("health --output=")).contains("--output=json", "--output=nagios");
        assertThat(complete("audit query -o ")).contains("jsonl", "csv").doesNotContain("nagios");
        assertThat(complete("generate-completion --shell ")).containsExactly("bash", "zsh", "fish");
        // a Path: file names relative to the working directory; a directory ends in / and completes further
        Files.createDirectories(dir.resolve("conf"));
        Files.writeString(dir.resolve("conf/p21mon.yaml"), "");
        assertThat(complete("-c co")).contains("conf/");
        assertThat(complete("config validate -c conf/")).containsExactly("conf/p21mon.yaml");
        assertThat(complete("config init co")).contains("conf/");
        // free text completes nothing
        assertThat(complete("alerts fire --name ")).isEmpty();
    }

    private record Piped(int code, String out, String err) {
    }

    private Piped pipe(String input) throws IOException {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = new Shell(Cli.in(dir).services()).piped(new java.io.BufferedReader(new java.io.StringReader(input)),
                new PrintWriter(out), new PrintWriter(err));
        return new Piped(code, out.toString(), err.toString());
    }

    @Test
    void fromAPipeItPrintsNoPromptOnlyTheCommandsOutputAndExitsWithTheFirstFailure() throws IOException {
        Piped p = pipe("# a comment\nconfig schema\nnosuch\n\nconfig show -o nosuch\nconfig schema\n");
        assertThat(p.out()).doesNotContain("p21mon>").doesNotContain("p21mon [").startsWith("{");
        assertThat(p.out().split("\"\\$schema\"", -1)).hasSize(3); // both schemas, nothing else
        assertThat(p.err()).contains("Unmatched argument", "nosuch").doesNotContain("p21mon>");
        assertThat(p.code()).isEqualTo(ExitCodes.USAGE); // the first failure, though the last command succeeded
        assertThat(pipe("config schema\nexit\nnosuch\n").code()).isZero();
        assertThat(pipe("config show 'unclosed\n").err()).contains("line 1");
    }
}
