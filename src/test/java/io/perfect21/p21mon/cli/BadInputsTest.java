package io.perfect21.p21mon.cli;

import io.perfect21.p21mon.testing.Cli;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every command's documented bad inputs ({@code src/test/resources/cli/bad-inputs.txt}): each gets its documented
 * exit code and a message naming the thing, and no stderr holds Java internals (a class name, "Exception", a stack
 * frame) unless {@code --verbose} asked for them.
 */
class BadInputsTest {
    /** What must never reach the user without -v. */
    static final Pattern JAVA_INTERNALS = Pattern.compile("Exception|com\\.fasterxml|java\\.|\\n\\tat |\\bat io\\.");

    @TempDir
    static Path work;

    @BeforeAll
    static void files() throws IOException {
        Files.createDirectories(work.resolve("home"));
        Files.createDirectories(work.resolve("d"));
        Files.writeString(work.resolve("trunc.json"), "{\"a\": [1,");
        Files.writeString(work.resolve("d/x.json"), "{\"a\": [1,");
        Files.writeString(work.resolve("bad.yaml"), "metrics:\n  port: notanumber\n");
        Files.writeString(work.resolve("broken.yaml"), "health: {timeout: [1\n");
    }

    static Stream<Arguments> badInputs() throws IOException {
        List<Arguments> rows = new ArrayList<>();
        try (InputStream in = BadInputsTest.class.getResourceAsStream("/cli/bad-inputs.txt")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] cells = line.split(" \\| ", 3);
                rows.add(Arguments.of(cells[1].trim(), Integer.parseInt(cells[0].trim()), cells[2].trim()));
            }
        }
        return rows.stream();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("badInputs")
    void eachBadInputGetsItsExitCodeAndAPlainMessage(String args, int code, String names) {
        Cli.Result r = Cli.in(work).run(args.split(" "));
        assertThat(r.code()).as(args + "\n" + r.err()).isEqualTo(code);
        // a validator's findings are its report (stdout); every other message is on stderr, after "p21mon: "
        assertThat(r.err() + r.out()).as(args).contains(names);
        assertThat(r.err()).as(args).doesNotContainPattern(JAVA_INTERNALS);
        assertThat(r.out()).as(args).doesNotContainPattern(JAVA_INTERNALS);
        if (!r.err().isEmpty()) {
            assertThat(r.err()).as(args).startsWith("p21mon: ");
        }
    }

    @Test
    void everyLeafCommandHasABadInputInTheTable() throws IOException {
        List<String> table = badInputs().map(a -> (String) a.get()[0]).toList();
        List<String> leaves = new ArrayList<>();
        leaves(P21mon.commandLine(Cli.in(work).services(), new java.io.PrintWriter(java.io.Writer.nullWriter()), new java.io.PrintWriter(java.io.Writer.nullWriter())).getCommandSpec(), "", leaves);
        assertThat(leaves).hasSizeGreaterThan(40);
        for (String leaf : leaves) {
            assertThat(table).as("a bad input of '" + leaf + "' in bad-inputs.txt")
                    .anyMatch(args -> (args + " ").startsWith(leaf + " "));
        }
    }

    private static void leaves(picocli.CommandLine.Model.CommandSpec spec, String prefix, List<String> out) {
        spec.subcommands().forEach((name, sub) -> {
            var s = sub.getCommandSpec();
            if (s.helpCommand() || s.usageMessage().hidden() || name.equals("help")) {
                return;
            }
            String full = (prefix + " " + name).trim();
            if (s.subcommands().isEmpty()) {
                out.add(full);
            } else {
                leaves(s, full, out);
            }
        });
    }

    @Test
    void withVerboseTheTraceMayAppear() {
        Cli.Result plain = Cli.in(work).run("alerts", "rules", "--out", "/proc/nope");
        Cli.Result verbose = Cli.in(work).run("alerts", "rules", "--out", "/proc/nope", "-v");
        assertThat(plain.err()).isEqualTo("p21mon: cannot write the rule files to /proc/nope: No such file or directory\n");
        assertThat(verbose.code()).isEqualTo(plain.code()).isEqualTo(1);
        assertThat(verbose.err()).startsWith(plain.err()).contains("\tat io.perfect21.p21mon.");
    }
}
