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
 * {@code completions/p21mon.bash}, {@code p21mon.zsh} and {@code p21mon.fish} are generated from the command model by picocli's
 * AutoComplete; this test regenerates them in memory and fails when the committed files are stale. Rewrite them with
 * the command in {@link #UPDATE}.
 */
class CompletionsTest {
    static final String UPDATE = "mvn -B -q test -Dtest=CompletionsTest -Dcompletions.update=true";
    private static final Path BASH = Path.of("completions/p21mon.bash");
    private static final Path ZSH = Path.of("completions/p21mon.zsh");
    private static final Path FISH = Path.of("completions/p21mon.fish");

    @TempDir
    Path dir;

    /** The bash script, as {@code p21mon generate-completion} prints it: one source for both. */
    private String bash() {
        Cli.Result r = Cli.in(dir).run("generate-completion");
        assertThat(r.code()).as(r.toString()).isZero();
        return r.out();
    }

    /** The zsh script, as {@code p21mon generate-completion --shell zsh} prints it. */
    static String zsh(String bash) {
        return CompletionScripts.zsh(bash);
    }

    private String fish() {
        Cli.Result r = Cli.in(dir).run("generate-completion", "--shell", "fish");
        assertThat(r.code()).as(r.toString()).isZero();
        return r.out();
    }

    @Test
    void committedCompletionScriptsAreCurrent() throws IOException {
        String bash = bash();
        String zsh = zsh(bash);
        String fish = fish();
        assertThat(Cli.in(dir).run("generate-completion", "--shell", "zsh").out()).isEqualTo(zsh);
        if (Boolean.getBoolean("completions.update")) {
            Files.createDirectories(BASH.getParent());
            Files.writeString(BASH, bash, StandardCharsets.UTF_8);
            Files.writeString(ZSH, zsh, StandardCharsets.UTF_8);
            Files.writeString(FISH, fish, StandardCharsets.UTF_8);
        }
        assertCurrent(BASH, bash);
        assertCurrent(ZSH, zsh);
        assertCurrent(FISH, fish);
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

    /** What the committed bash script offers for {@code line} (cursor at its end), run in a real bash. */
    private List<String> bashCompletes(String line) throws Exception {
        Files.createDirectories(dir.resolve("conf"));
        Files.writeString(dir.resolve("conf/p21mon.yaml"), "");
        String script = "source '" + BASH.toAbsolutePath() + "'\n"
                + "COMP_LINE=\"$1\"; read -ra COMP_WORDS <<< \"$1\"\n"
                + "[[ \"$1\" == *' ' ]] && COMP_WORDS+=('')\n"
                + "COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))\n"
                + "_complete_p21mon p21mon \"${COMP_WORDS[COMP_CWORD]}\" \"${COMP_WORDS[COMP_CWORD-1]}\"\n"
                + "printf '%s\\n' \"${COMPREPLY[@]}\"\n";
        return shell(List.of(io.perfect21.p21mon.testing.Servers.binary("bash").toString(), "-c", script, "bash", line));
    }

    /** What the committed fish script offers for {@code line}, asked of a real fish ({@code complete -C}). */
    private List<String> fishCompletes(String line) throws Exception {
        Files.createDirectories(dir.resolve("conf"));
        Files.writeString(dir.resolve("conf/p21mon.yaml"), "");
        String script = "source '" + FISH.toAbsolutePath() + "'; complete -C '" + line + "'";
        return shell(List.of(io.perfect21.p21mon.testing.Servers.binary("fish").toString(), "--no-config", "-c", script))
                .stream().map(l -> l.split("\t")[0]).toList();
    }

    private List<String> shell(List<String> command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        pb.environment().put("HOME", dir.toString());
        pb.environment().put("XDG_CONFIG_HOME", dir.resolve(".config").toString());
        pb.environment().put("XDG_DATA_HOME", dir.resolve(".local/share").toString());
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as("%s: %s", command, out).isZero();
        return out.lines().filter(l -> !l.isEmpty()).sorted().toList();
    }

    private static List<String> sorted(List<String> words) {
        return words.stream().sorted().toList();
    }

    @Test
    void bashCompletesOptionValuesAndFilesFromTheModel() throws Exception {
        assertThat(bashCompletes("p21mon alerts fire --severity ")).isEqualTo(sorted(io.perfect21.p21mon.alerts.CustomAlert.SEVERITIES));
        assertThat(bashCompletes("p21mon alerts fire --severity cr")).containsExactly("critical");
        assertThat(bashCompletes("p21mon alerts fire --via ")).isEqualTo(sorted(AlertsFireCommand.VIAS));
        assertThat(bashCompletes("p21mon health -o ")).isEqualTo(sorted(ReportTypes.formats("health")));
        assertThat(bashCompletes("p21mon audit query --output ")).isEqualTo(sorted(ReportTypes.formats("audit query")));
        assertThat(bashCompletes("p21mon audit log --level ")).containsExactly("critical", "debug", "error", "info", "warning");
        assertThat(bashCompletes("p21mon config validate -c conf/")).containsExactly("conf/p21mon.yaml");
        assertThat(bashCompletes("p21mon config init co")).containsExactly("conf");
    }

    @Test
    void fishCompletesOptionValuesAndFilesFromTheModel() throws Exception {
        assertThat(fishCompletes("p21mon alerts fire --severity ")).isEqualTo(sorted(io.perfect21.p21mon.alerts.CustomAlert.SEVERITIES));
        assertThat(fishCompletes("p21mon health -o ")).isEqualTo(sorted(ReportTypes.formats("health")));
        assertThat(fishCompletes("p21mon alerts silence ")).contains("add", "list", "expire").doesNotContain("fire");
        assertThat(fishCompletes("p21mon -q alerts fire --name config --v")).contains("--via", "--verbose");
        assertThat(fishCompletes("p21mon config validate -c conf/")).containsExactly("conf/p21mon.yaml");
    }

    /**
     * The guard: every option and parameter that takes a value either completes (its own words, or file names) or
     * is free text by its label. A new option with a fixed set of values, checked by hand and given no candidates,
     * fails here: give it an enum type or a {@code completionCandidates} class over the list it is checked against
     * ({@link Completion}). Every command that prints a report offers its formats (from {@link ReportTypes}).
     */
    @Test
    void everyOptionWithAFixedSetOfValuesCompletesThem() {
        java.util.Set<String> freeText = java.util.Set.of("URL", "NAME", "TEXT", "DURATION", "SECONDS", "N", "KEY=VALUE",
                "K=V", "NAME=VALUE", "U", "A", "R", "T", "IP", "UA", "S", "AGE", "TIME", "ZONE", "HOST:PORT", "UID", "JOB",
                "PROMQL", "MATCHER", "ID", "TRACE_ID", "COMMAND", "CMD", "ARG", "FILE|URL|pushgateway|loki", "<command>");
        picocli.CommandLine tree = Completion.decorate(P21mon.commandLine(Cli.in(dir).services(),
                new java.io.PrintWriter(java.io.Writer.nullWriter()), new java.io.PrintWriter(java.io.Writer.nullWriter())));
        List<String> problems = new java.util.ArrayList<>();
        walk(tree, spec -> {
            for (picocli.CommandLine.Model.ArgSpec arg : spec.args()) {
                if (arg.hidden() || arg.arity().max() == 0 || arg.isOption() && ((picocli.CommandLine.Model.OptionSpec) arg).usageHelp()) {
                    continue;
                }
                String name = spec.qualifiedName() + " " + (arg.isOption()
                        ? ((picocli.CommandLine.Model.OptionSpec) arg).longestName() : arg.paramLabel());
                Completion.Values values = Completion.values(arg);
                if (values.none() && !freeText.contains(arg.paramLabel())) {
                    problems.add(name + " (" + arg.paramLabel() + ") offers no completion");
                }
                if (arg.isOption() && ((picocli.CommandLine.Model.OptionSpec) arg).longestName().equals("--output")
                        && values.words().isEmpty()) {
                    problems.add(name + ": no formats (list the command's result types in ReportTypes)");
                }
            }
        });
        assertThat(problems).isEmpty();
    }

    private static void walk(picocli.CommandLine command, java.util.function.Consumer<picocli.CommandLine.Model.CommandSpec> visit) {
        if (command.getCommandSpec().usageMessage().hidden() && command.getParent() != null) {
            return;
        }
        visit.accept(command.getCommandSpec());
        command.getSubcommands().values().forEach(sub -> walk(sub, visit));
    }
}
