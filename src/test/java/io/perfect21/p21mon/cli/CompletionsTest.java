package io.perfect21.p21mon.cli;

import io.perfect21.p21mon.testing.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code completions/p21mon.bash} and {@code completions/p21mon.zsh} are generated from the command model by picocli's
 * AutoComplete; this test regenerates them in memory and fails when the committed files are stale. Rewrite them with
 * the command in {@link #UPDATE}.
 */
class CompletionsTest {
    static final String UPDATE = "mvn -B -q test -Dtest=CompletionsTest -Dcompletions.update=true";
    private static final Path BASH = Path.of("completions/p21mon.bash");
    private static final Path ZSH = Path.of("completions/p21mon.zsh");

    @TempDir
    Path dir;

    /** The bash script, as {@code p21mon generate-completion} prints it: one source for both. */
    private String bash() {
        Cli.Result r = Cli.in(dir).run("generate-completion");
        assertThat(r.code()).as(r.toString()).isZero();
        return r.out();
    }

    /**
     * The zsh script: picocli's bash script runs in zsh through {@code bashcompinit}. Installed as {@code _p21mon} in
     * a directory of {@code $fpath}, zsh autoloads it on the first completion; that first call defines the functions
     * and registers them, then answers the request itself.
     */
    static String zsh(String bash) {
        return "#compdef p21mon\n"
                + "# zsh completion for p21mon, generated with picocli's AutoComplete (do not edit; see CompletionsTest).\n"
                + "# Install as _p21mon in a directory of $fpath, or source it from ~/.zshrc after compinit.\n"
                + "autoload -U +X bashcompinit && bashcompinit\n"
                + "# bash's compopt has no zsh equivalent; the script's own alias for it is not seen when zsh autoloads this\n"
                + "# file as one function body, so give it a harmless definition\n"
                + "(( ${+functions[compopt]} )) || compopt() { return 0; }\n\n"
                + bash
                + "\n# Autoloaded as _p21mon: answer this first request too ('complete' above serves the later ones).\n"
                + "if [[ -n \"${ZSH_VERSION:-}\" && \"${funcstack[1]:-}\" == _p21mon ]]; then\n"
                + "  _bash_complete -F _complete_p21mon -o default\n"
                + "fi\n";
    }

    @Test
    void committedCompletionScriptsAreCurrent() throws IOException {
        String bash = bash();
        String zsh = zsh(bash);
        if (Boolean.getBoolean("completions.update")) {
            Files.createDirectories(BASH.getParent());
            Files.writeString(BASH, bash, StandardCharsets.UTF_8);
            Files.writeString(ZSH, zsh, StandardCharsets.UTF_8);
        }
        assertCurrent(BASH, bash);
        assertCurrent(ZSH, zsh);
    }

    private static void assertCurrent(Path file, String generated) throws IOException {
        String stale = file + " is stale (a command or option changed); regenerate completions/ with:\n  " + UPDATE;
        assertThat(file).as(stale).exists();
        List<String> committed = Files.readString(file, StandardCharsets.UTF_8).lines().toList();
        List<String> fresh = generated.lines().toList();
        for (int i = 0; i < Math.max(committed.size(), fresh.size()); i++) {
            String was = i < committed.size() ? committed.get(i) : "<end of file>";
            String now = i < fresh.size() ? fresh.get(i) : "<end of file>";
            if (!was.equals(now)) {
                throw new AssertionError(stale + "\nfirst difference at line " + (i + 1) + ":\n  committed: " + was
                        + "\n  generated: " + now);
            }
        }
        assertThat(Files.readString(file, StandardCharsets.UTF_8)).as(stale).isEqualTo(generated);
    }

    @Test
    void scriptCompletesCommandsAndGlobalOptions() {
        String bash = bash();
        assertThat(bash).contains("config").contains("validate").contains("--config").contains("--output");
        assertThat(bash).contains("complete -F _complete_p21mon");
    }

    @Test
    void hiddenGenerateCompletionCommandPrintsTheSameScript() {
        Cli.Result r = Cli.in(dir).run("generate-completion");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("_complete_p21mon").contains("config");
    }
}
