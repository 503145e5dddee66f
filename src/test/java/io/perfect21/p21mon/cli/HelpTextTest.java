package io.perfect21.p21mon.cli;

import io.perfect21.p21mon.testing.Cli;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Every command's {@code --help} wraps at spaces only: no path, URL or word is broken by a line break. */
class HelpTextTest {
    @TempDir
    Path dir;

    /** Every command's help at {@code width}, by qualified name. */
    private Map<String, String> helps(int width) {
        CommandLine root = P21mon.commandLine(Cli.in(dir).services(), new PrintWriter(new StringWriter()),
                new PrintWriter(new StringWriter()));
        root.setUsageHelpWidth(width);
        Map<String, String> out = new LinkedHashMap<>();
        collect(root, out);
        return out;
    }

    private static void collect(CommandLine cl, Map<String, String> out) {
        StringWriter text = new StringWriter();
        cl.usage(new PrintWriter(text), CommandLine.Help.Ansi.OFF);
        out.put(cl.getCommandSpec().qualifiedName(), text.toString());
        cl.getSubcommands().values().stream().distinct().forEach(sub -> collect(sub, out));
    }

    private static List<String> words(String text) {
        return new ArrayList<>(Arrays.asList(text.strip().split("\\s+")));
    }

    @ParameterizedTest
    @ValueSource(ints = {80, 120})
    void noPathOrWordIsBrokenAcrossLines(int width) {
        Map<String, String> wrapped = helps(width);
        Map<String, String> unwrapped = helps(1000);
        assertThat(wrapped).hasSizeGreaterThan(50).containsOnlyKeys(unwrapped.keySet());
        wrapped.forEach((command, help) -> {
            assertThat(help.lines()).as(command + " at " + width).allMatch(l -> l.length() <= width);
            // the same words in the same order as on lines long enough never to wrap: a word cut in two shows here
            assertThat(words(help)).as(command + " --help at width " + width).isEqualTo(words(unwrapped.get(command)));
        });
    }

    @Test
    void thePathsTheIssueNamedStayWholeAtEighty() {
        String root = helps(80).get("p21mon");
        assertThat(root).contains("./p21mon.yaml", "~/.local/state/p21mon").doesNotContain("./p21mon.\n", "~/.\n");
    }

    @Test
    void protectAndRestoreAreInverse() {
        String s = "Default: ./p21mon.yaml, ~/.local/state or http://localhost:9090/api (e.g. p50/p95). 100% [x=y]";
        assertThat(WordWrapHelp.restore(WordWrapHelp.protect(s))).isEqualTo(s);
        assertThat(WordWrapHelp.protect(s)).doesNotContain("./", "p21mon.yaml", "//").contains("Default: ", ", ");
    }

    @Test
    void helpOfAnUnknownCommandListsNoHiddenCommand() {
        Cli.Result r = Cli.in(dir).run("help", "nosuch");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("nosuch", "health", "audit").doesNotContain("generate-completion");
        Cli.Result sub = Cli.in(dir).run("help", "audit", "nosuch");
        assertThat(sub.err()).contains("'p21mon audit' has no command 'nosuch'", "query").doesNotContain("help,");
    }
}
