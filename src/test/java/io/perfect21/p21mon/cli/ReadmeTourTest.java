package io.perfect21.p21mon.cli;

import io.perfect21.p21mon.testing.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's "A short tour", read as {@code .ci/tour} reads it (the indented lines under its heading, each
 * {@code COMMAND  # [EXIT CODES] what}): every step has its exit code, and every p21mon step parses against the real
 * command tree, so a renamed command or option fails {@code mvn verify} before CI runs the tour itself.
 */
class ReadmeTourTest {
    private static final Pattern STEP = Pattern.compile("^(.*\\S) {2,}# \\[([0-9]+(?:-[0-9]+)?(?:,[0-9]+(?:-[0-9]+)?)*)] .+$");

    @TempDir
    Path dir;

    record Step(String command, String codes) {
    }

    static List<Step> tour() throws Exception {
        List<String> lines = Files.readAllLines(Path.of("README.md"));
        int start = lines.indexOf("## A short tour");
        assertThat(start).as("README.md has a '## A short tour' section").isNotNegative();
        List<Step> steps = new ArrayList<>();
        for (String line : lines.subList(start + 1, lines.size())) {
            if (line.startsWith("## ")) {
                break;
            }
            if (line.startsWith("    ") && !line.startsWith("     ")) {
                Matcher m = STEP.matcher(line.substring(4));
                assertThat(m.matches()).as("a tour step is 'COMMAND  # [EXIT CODE] what': " + line).isTrue();
                steps.add(new Step(m.group(1), m.group(2)));
            }
        }
        return steps;
    }

    /** The words of a shell command line, quotes removed, a {@code $(...)} as one word. */
    static List<String> words(String command) {
        List<String> out = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        boolean inWord = false;
        for (int i = 0; i < command.length(); i++) {
            char c = command.charAt(i);
            if (c == '\'' || c == '"') {
                int end = command.indexOf(c, i + 1);
                w.append(command, i + 1, end);
                i = end;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    out.add(w.toString());
                    w.setLength(0);
                    inWord = false;
                }
            } else {
                w.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            out.add(w.toString());
        }
        return out;
    }

    @Test
    void everyStepHasAnExitCodeAndEveryP21monStepParses() throws Exception {
        List<Step> steps = tour();
        assertThat(steps).hasSizeGreaterThan(15);
        int p21mon = 0;
        for (Step step : steps) {
            String command = step.command();
            int pipe = command.indexOf(" | p21mon ");
            List<String> words = words(command.startsWith("p21mon ") || pipe < 0 ? command : command.substring(pipe + 3));
            if (!words.get(0).equals("p21mon")) {
                continue; // a shell step (editing the configuration file)
            }
            p21mon++;
            String[] args = words.subList(1, words.size()).toArray(String[]::new);
            CommandLine cl = P21mon.commandLine(Cli.in(dir).services(), new PrintWriter(new StringWriter()),
                    new PrintWriter(new StringWriter()));
            try {
                CommandLine.ParseResult parsed = cl.parseArgs(args);
                assertThat(parsed.hasSubcommand()).as(command + " names a command").isTrue();
            } catch (CommandLine.ParameterException e) {
                throw new AssertionError("the README's tour step '" + command + "' does not parse: " + e.getMessage(), e);
            }
        }
        assertThat(p21mon).isGreaterThan(15);
    }

    @Test
    void theTourStopsTheStackItStartsAndRunsInTheOrderAStackNeeds() throws Exception {
        List<String> commands = tour().stream().map(Step::command).toList();
        int up = commands.indexOf("p21mon stack up --runtime native");
        assertThat(up).isPositive();
        assertThat(commands.indexOf("p21mon stack config")).isBetween(0, up - 1);
        assertThat(commands.indexOf("p21mon stack verify")).isGreaterThan(up);
        assertThat(commands.get(commands.size() - 1)).isEqualTo("p21mon stack down");
    }

    @Test
    void wordsSplitsAsTheShellDoes() {
        assertThat(words("p21mon alerts fire --message 'disk / at 97%' --name \"a b\""))
                .containsExactly("p21mon", "alerts", "fire", "--message", "disk / at 97%", "--name", "a b");
    }
}
