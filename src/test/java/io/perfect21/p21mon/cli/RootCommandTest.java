package io.perfect21.p21mon.cli;

import io.perfect21.p21mon.testing.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The root command: version, help, bad flags and commands, stack traces only with --verbose, colour rules. */
class RootCommandTest {
    @TempDir
    Path dir;

    @Test
    void versionPrintsTheBuildVersion() {
        Cli.Result r = Cli.in(dir).run("--version");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).startsWith("p21mon " + VersionProvider.version()).contains("Java ");
        assertThat(VersionProvider.version()).isNotEqualTo("unknown").doesNotContain("${");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void helpListsCommandsAndExitCodes() {
        Cli.Result r = Cli.in(dir).run("--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("config").contains("Exit codes:").doesNotContain("generate-completion");
        Cli.Result help = Cli.in(dir).run("help", "config");
        assertThat(help.code()).isZero();
        assertThat(help.out()).contains("init", "validate", "show");
    }

    @Test
    void misspelledOptionExitsTwoWithPicocliSuggestion() {
        Cli.Result r = Cli.in(dir).run("--verison");
        assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("Unknown option: '--verison'").contains("--version");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void misspelledSubcommandOptionExitsTwo() {
        Cli.Result r = Cli.in(dir).run("config", "show", "--outptu", "json");
        assertThat(r.code()).as(r.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("--outptu").contains("Possible solutions: --output");
    }

    @Test
    void unknownCommandExitsTwoWithSuggestion() {
        Cli.Result r = Cli.in(dir).run("confg", "show");
        assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("'confg'").contains("Did you mean: p21mon config?");
        assertThat(r.err().lines().filter(l -> l.startsWith("\tat ")).count()).isZero();
    }

    @Test
    void groupWithoutSubcommandExitsTwoListingThem() {
        Cli.Result r = Cli.in(dir).run("config");
        assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("Missing command").contains("init, validate, show");
    }

    @Test
    void noStackTraceWithoutVerboseAndOneWithIt() throws Exception {
        Files.writeString(dir.resolve("bad.yaml"), "health:\n  timeout: [1\n");
        Cli.Result quiet = Cli.in(dir).run("config", "validate", "-c", "bad.yaml");
        assertThat(quiet.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(quiet.err()).doesNotContain("\tat ").doesNotContain("Exception");
        assertThat(quiet.err().lines().count()).as(quiet.err()).isEqualTo(1);

        Cli.Result verbose = Cli.in(dir).run("config", "validate", "-c", "bad.yaml", "--verbose");
        assertThat(verbose.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(verbose.err()).contains("\tat io.perfect21.p21mon");
    }

    @Test
    void globalOptionsAreAcceptedBeforeTheCommand() throws Exception {
        Files.writeString(dir.resolve("other.yaml"), "metrics:\n  port: 9123\n");
        Cli.Result r = Cli.in(dir).run("-c", "other.yaml", "config", "show", "-o", "json");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).contains("\"port\" : 9123");

        Cli.Result missing = Cli.in(dir).run("-c", "nope.yaml", "-v", "config", "validate");
        assertThat(missing.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(missing.err()).contains("nope.yaml").contains("\tat ");
    }

    @Test
    void theRootsGlobalOptionsAreTheMixinsOptions() {
        // the root builds its copies in code (start-up time); a command's mixins read their annotations
        CommandSpec config = CommandSpec.forAnnotatedObject(new ConfigOptions());
        CommandSpec output = CommandSpec.forAnnotatedObject(new OutputOptions());
        List<OptionSpec> root = new java.util.ArrayList<>(ConfigOptions.globalOptions());
        root.add(OutputOptions.globalOption());
        assertThat(root).hasSize(config.options().size() + output.options().size());
        for (OptionSpec r : root) {
            OptionSpec m = config.findOption(r.longestName()) != null ? config.findOption(r.longestName())
                    : output.findOption(r.longestName());
            assertThat(m).as(r.longestName()).isNotNull();
            assertThat(r.names()).isEqualTo(m.names());
            assertThat(r.description()).isEqualTo(m.description());
            assertThat(r.type()).isEqualTo(m.type());
            assertThat(r.arity()).isEqualTo(m.arity());
            if (r.arity().max() > 0) {
                assertThat(r.paramLabel()).isEqualTo(m.paramLabel());
            }
        }
    }

    @Test
    void globalOptionsWorkBeforeTheCommandAndOnEveryCommand() throws Exception {
        Cli.Result json = Cli.in(dir).run("-o", "json", "health", "--list");
        assertThat(json.code()).as(json.toString()).isZero();
        assertThat(json.out().trim()).startsWith("{");
        assertThat(Cli.in(dir).terminal(true).run("--no-color", "config", "show").out()).doesNotContain("\u001b[");
        Cli.Result help = Cli.in(dir).run("--help");
        assertThat(help.out()).contains("-o, --output=FORMAT").contains("--no-color").contains("-q, --quiet");
        // every command takes -c, --state-dir, -v, -q, --no-color after its name too
        for (List<String> command : List.of(List.of("config", "schema"), List.of("config", "init", "-"),
                List.of("config", "validate"), List.of("config", "show"), List.of("health", "--list"))) {
            List<String> args = new java.util.ArrayList<>(command);
            args.addAll(List.of("--no-color", "-q", "-c", "none.yaml"));
            Cli.Result r = Cli.in(dir).run(args.toArray(String[]::new));
            assertThat(r.err()).as(String.join(" ", args)).doesNotContain("Unknown option");
        }
        for (String command : List.of("metrics serve", "audit export", "audit anchor")) {
            Cli.Result r = Cli.in(dir).run((command + " --no-color --help").split(" "));
            assertThat(r.code()).as(command).isZero();
        }
        // -o before a command that prints no report is refused, as after it
        Cli.Result noReport = Cli.in(dir).run("-o", "json", "config", "init", "-");
        assertThat(noReport.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(noReport.err()).contains("prints no report");
    }

    @Test
    void helpWorksAtEveryLevel() {
        Cli.Result nested = Cli.in(dir).run("help", "audit", "log");
        assertThat(nested.code()).as(nested.toString()).isZero();
        assertThat(nested.out()).contains("Usage: p21mon audit log");
        Cli.Result inGroup = Cli.in(dir).run("audit", "help", "log");
        assertThat(inGroup.code()).as(inGroup.toString()).isZero();
        assertThat(inGroup.out()).contains("Usage: p21mon audit log");
        assertThat(Cli.in(dir).run("config", "help").out()).contains("Usage: p21mon config");
        Cli.Result unknown = Cli.in(dir).run("help", "audit", "nope");
        assertThat(unknown.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(unknown.err()).contains("no command 'nope'").contains("log");
    }

    @Test
    void generateCompletionPrintsTheCommittedScript() throws Exception {
        Cli.Result r = Cli.in(dir).run("generate-completion");
        assertThat(r.code()).isZero();
        assertThat(r.out()).isEqualTo(Files.readString(Path.of("completions/p21mon.bash")));
    }

    @Test
    void noAnsiEscapesWhenNotATerminalOrNoColor() {
        assertThat(Cli.in(dir).terminal(false).run("config", "show", "-o", "table").out()).doesNotContain("\u001b[");
        assertThat(Cli.in(dir).terminal(true).env("NO_COLOR", "1").run("config", "show", "-o", "table").out())
                .doesNotContain("\u001b[");
        assertThat(Cli.in(dir).terminal(true).run("config", "show", "-o", "table", "--no-color").out())
                .doesNotContain("\u001b[");
        assertThat(Cli.in(dir).terminal(true).env("NO_COLOR", "1").run("--help").out()).doesNotContain("\u001b[");
        assertThat(Cli.in(dir).terminal(true).env("TERM", "dumb").run("config", "show", "-o", "table").out())
                .doesNotContain("\u001b[");
        assertThat(Cli.in(dir).terminal(true).run("config", "show", "-o", "table").out())
                .as("a terminal gets colour").contains("\u001b[");
        assertThat(Cli.in(dir).terminal(true).env("NO_COLOR", "").run("config", "show", "-o", "table").out())
                .as("an empty NO_COLOR does not count (no-color.org)").contains("\u001b[");
    }

    @Test
    void unknownOutputFormatIsAUsageError() {
        Cli.Result r = Cli.in(dir).run("config", "show", "-o", "xml");
        assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("-o xml").contains("json").contains("yaml");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void mainReturnsOnlyWhenNoOtherThreadWouldKeepTheVmAlive() throws InterruptedException {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        Thread daemon = new Thread(() -> awaitQuietly(release), "test-daemon");
        daemon.setDaemon(true);
        daemon.start();
        boolean withDaemon = P21mon.otherThreadsHoldTheVm();
        Thread worker = new Thread(() -> awaitQuietly(release), "test-worker");
        worker.start();
        try {
            assertThat(P21mon.otherThreadsHoldTheVm()).as("a live non-daemon thread holds the VM").isTrue();
        } finally {
            release.countDown();
            worker.join();
            daemon.join();
        }
        assertThat(P21mon.otherThreadsHoldTheVm()).as("a daemon thread does not change the answer").isEqualTo(withDaemon);
    }

    private static void awaitQuietly(java.util.concurrent.CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
