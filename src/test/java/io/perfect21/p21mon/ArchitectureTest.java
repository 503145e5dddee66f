package io.perfect21.p21mon;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The layering of SPEC §5 and STYLE.md, checked on the sources: only {@code cli} (commands and rendering) knows
 * picocli and writes to the terminal; only the entry point ends the JVM.
 */
class ArchitectureTest {
    private static final Path MAIN = Path.of("src/main/java");
    private static final String CLI = "io/perfect21/p21mon/cli/";
    private static final String ENTRY_POINT = CLI + "P21mon.java";

    private static final Pattern IMPORTS_PICOCLI = Pattern.compile("(?m)^\\s*import\\s+(static\\s+)?picocli\\.");
    private static final Pattern IMPORTS_CLI = Pattern.compile("(?m)^\\s*import\\s+(static\\s+)?io\\.perfect21\\.p21mon\\.cli[.;]");
    private static final Pattern USES_PICOCLI = Pattern.compile("\\bpicocli\\.[A-Za-z]");
    private static final Pattern USES_CLI = Pattern.compile("\\bio\\.perfect21\\.p21mon\\.cli\\.");
    private static final Pattern STD_STREAMS = Pattern.compile("\\bSystem\\s*\\.\\s*(out|err)\\b");
    private static final Pattern EXIT = Pattern.compile("\\bSystem\\s*\\.\\s*exit\\s*\\(|\\bRuntime\\s*\\.\\s*getRuntime\\s*\\(\\s*\\)\\s*\\.\\s*(exit|halt)\\s*\\(");

    @Test
    void corePackagesDoNotKnowTheCli() throws IOException {
        List<String> offenders = new ArrayList<>();
        for (Source s : sources()) {
            if (s.path().startsWith(CLI)) {
                continue;
            }
            if (IMPORTS_PICOCLI.matcher(s.code()).find() || USES_PICOCLI.matcher(s.code()).find()) {
                offenders.add(s.path() + " uses picocli");
            }
            if (IMPORTS_CLI.matcher(s.code()).find() || USES_CLI.matcher(s.code()).find()) {
                offenders.add(s.path() + " uses io.perfect21.p21mon.cli");
            }
        }
        assertThat(offenders).as("core packages never import picocli or the cli package (SPEC §5); move the code "
                + "into cli, or pass what it needs in").isEmpty();
    }

    @Test
    void corePackagesDoNotWriteToTheTerminal() throws IOException {
        List<String> offenders = new ArrayList<>();
        for (Source s : sources()) {
            if (!s.path().startsWith(CLI) && STD_STREAMS.matcher(s.code()).find()) {
                offenders.add(s.path());
            }
        }
        assertThat(offenders).as("core code never writes to System.out/System.err: return results, or take a "
                + "PrintWriter/listener from the command").isEmpty();
    }

    @Test
    void onlyTheEntryPointExits() throws IOException {
        List<String> offenders = new ArrayList<>();
        for (Source s : sources()) {
            if (!s.path().equals(ENTRY_POINT) && EXIT.matcher(s.code()).find()) {
                offenders.add(s.path());
            }
        }
        assertThat(offenders).as("only %s calls System.exit: return an exit code or throw P21monException", ENTRY_POINT)
                .isEmpty();
    }

    @Test
    void theScanSeesTheSources() throws IOException {
        assertThat(sources()).extracting(Source::path).contains(ENTRY_POINT, "io/perfect21/p21mon/config/ConfigLoader.java");
    }

    @Test
    void rulesSeeCodeButNotProse() {
        String prose = stripCommentsAndStrings("""
                /** calls System.exit( and System.out */
                // import picocli.CommandLine;
                String s = "System.err.println(";
                """);
        assertThat(STD_STREAMS.matcher(prose).find() || EXIT.matcher(prose).find() || IMPORTS_PICOCLI.matcher(prose).find())
                .isFalse();
        String code = stripCommentsAndStrings("import picocli.CommandLine;\nclass A { void f() { System.out.println(\"x\"); System.exit(1); } }");
        assertThat(IMPORTS_PICOCLI.matcher(code).find()).isTrue();
        assertThat(STD_STREAMS.matcher(code).find()).isTrue();
        assertThat(EXIT.matcher(code).find()).isTrue();
    }

    private record Source(String path, String code) {
    }

    /** Every main source file, path relative to src/main/java with '/', code without comments and string literals. */
    private static List<Source> sources() throws IOException {
        try (Stream<Path> files = Files.walk(MAIN)) {
            List<Source> out = new ArrayList<>();
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                String rel = MAIN.relativize(f).toString().replace('\\', '/');
                out.add(new Source(rel, stripCommentsAndStrings(Files.readString(f, StandardCharsets.UTF_8))));
            }
            return out;
        }
    }

    /** Blanks comments, string literals (text blocks too) and char literals, so prose cannot trip the rules. */
    static String stripCommentsAndStrings(String src) {
        StringBuilder out = new StringBuilder(src.length());
        int i = 0;
        int n = src.length();
        while (i < n) {
            char c = src.charAt(i);
            if (c == '/' && i + 1 < n && src.charAt(i + 1) == '/') {
                while (i < n && src.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '/' && i + 1 < n && src.charAt(i + 1) == '*') {
                int end = src.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
                out.append(' ');
            } else if (src.startsWith("\"\"\"", i)) {
                int end = src.indexOf("\"\"\"", i + 3);
                i = end < 0 ? n : end + 3;
                out.append("\"\"");
            } else if (c == '"' || c == '\'') {
                int j = i + 1;
                while (j < n && src.charAt(j) != c && src.charAt(j) != '\n') {
                    j += src.charAt(j) == '\\' ? 2 : 1;
                }
                i = Math.min(n, j + 1);
                out.append(c).append(c);
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }
}
