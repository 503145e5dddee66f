package io.perfect21.p21mon.cli;

import io.perfect21.p21mon.testing.Servers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code p21mon shell} and {@code p21mon top} as a person uses them: in a real pseudo-terminal (tmux), typing keys and
 * reading the screen. The built jar runs on the test's own JVM.
 */
class ShellTopIT {
    private static final Path JAR = Path.of("target", "p21mon.jar").toAbsolutePath();
    private static final long WAIT_MILLIS = 60_000;

    @TempDir
    Path dir;
    private Path tmux;
    private String socket;

    @BeforeEach
    void tmux() {
        tmux = Servers.binary("tmux");
        socket = "p21mon-it-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
    }

    @AfterEach
    void stop() throws Exception {
        run("kill-server");
    }

    private String run(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(tmux.toString(), "-L", socket));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(30, TimeUnit.SECONDS);
        return out;
    }

    private void start(int width, int height, String... p21monArgs) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        StringBuilder cmd = new StringBuilder("cd '" + dir + "' && exec env HOME='" + dir + "' XDG_STATE_HOME='" + dir
                + "/state' XDG_CONFIG_HOME='" + dir + "/config' '" + java + "' -jar '" + JAR + "'");
        for (String a : p21monArgs) {
            cmd.append(' ').append(a);
        }
        run("new-session", "-d", "-s", "t", "-x", Integer.toString(width), "-y", Integer.toString(height), cmd.toString());
    }

    private String screen() throws Exception {
        return run("capture-pane", "-p", "-t", "t");
    }

    private String waitFor(String what, Predicate<String> condition) throws Exception {
        long deadline = System.currentTimeMillis() + WAIT_MILLIS;
        String s = screen();
        while (!condition.test(s)) {
            assertThat(System.currentTimeMillis()).as("waiting for %s; the screen:%n%s", what, s).isLessThan(deadline);
            Thread.sleep(200);
            s = screen();
        }
        return s;
    }

    private boolean sessionEnded() throws Exception {
        Process p = new ProcessBuilder(tmux.toString(), "-L", socket, "has-session", "-t", "t").redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor() != 0;
    }

    private void waitForEnd() throws Exception {
        long deadline = System.currentTimeMillis() + WAIT_MILLIS;
        while (!sessionEnded()) {
            assertThat(System.currentTimeMillis()).as("the program did not end; the screen:%n%s", screen()).isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    @Test
    void shellCompletesAPartialCommandWithTabAndRunsIt() throws Exception {
        start(120, 40, "shell");
        waitFor("the prompt", s -> s.contains("p21mon>"));
        run("send-keys", "-t", "t", "hea", "Tab");
        waitFor("the completed word", s -> s.contains("p21mon> health"));
        run("send-keys", "-t", "t", " -o json --check p21mon", "Enter");
        String s = waitFor("the JSON report", x -> x.contains("\"checks\"") && x.lines().filter(l -> l.startsWith("p21mon")).count() >= 2);
        assertThat(s).contains("\"status\" : \"healthy\"", "\"name\" : \"p21mon\"");
        run("send-keys", "-t", "t", "audit verif", "Tab", "Enter");
        waitFor("audit verify's answer", x -> x.contains("intact") || x.contains("no audit"));
        run("send-keys", "-t", "t", "exit", "Enter");
        waitForEnd();
    }

    @Test
    void ctrlCStopsTheRunningCommandNotTheShell() throws Exception {
        start(120, 40, "shell");
        waitFor("the prompt", s -> s.contains("p21mon>"));
        run("send-keys", "-t", "t", "audit query --follow", "Enter");
        Thread.sleep(1500);
        run("send-keys", "-t", "t", "C-c");
        waitFor("a new prompt after Ctrl-C", s -> s.lines().filter(l -> l.startsWith("p21mon")).count() >= 2);
        run("send-keys", "-t", "t", "C-d");
        waitForEnd();
    }

    /** The screen's lines without trailing blanks and without the empty ones. */
    private static List<String> lines(String screen) {
        return screen.lines().map(String::stripTrailing).filter(l -> !l.isEmpty()).toList();
    }

    /**
     * Issue 22 item 2, in a real pseudo-terminal: runs {@code command} in the shell until {@code ready} shows, presses
     * Ctrl-C, and asserts that nothing but a new prompt was added to the screen (no {@code ^C}, no error), and that the
     * next command typed arrives with every key: its error message quotes the whole word back.
     */
    private void ctrlCEndsOnlyTheCommand(String command, Predicate<String> ready, String prompt) throws Exception {
        start(120, 40, "shell");
        waitFor("the prompt", s -> s.contains("p21mon>"));
        run("send-keys", "-t", "t", command, "Enter");
        waitFor(command + " running", ready);
        Thread.sleep(1000); // the frame drawn in full
        // (top draws on the alternate screen: after it, the screen before it comes back)
        List<String> before = lines(screen());
        run("send-keys", "-t", "t", "C-c");
        List<String> after = lines(waitFor("a new prompt after Ctrl-C", s -> {
            List<String> l = lines(s);
            return !l.isEmpty() && l.get(l.size() - 1).startsWith("p21mon") && l.get(l.size() - 1).endsWith(">");
        }));
        if (!command.startsWith("top")) {
            assertThat(after).as("only a new prompt was added after Ctrl-C").hasSize(before.size() + 1)
                    .startsWith(before.toArray(String[]::new));
        }
        assertThat(after.get(after.size() - 1)).isEqualTo(prompt);
        assertThat(String.join("\n", after)).doesNotContain("^C", "internal error", "Interrupted");
        String word = "zz-every-key-0123456789-abcdefghijklmnopqrstuvwxyz";
        run("send-keys", "-t", "t", "-l", word);
        run("send-keys", "-t", "t", "Enter");
        String s = waitFor("the next command's answer", x -> x.contains("'" + word + "'"));
        assertThat(lines(s)).contains(prompt + " " + word);
        run("send-keys", "-t", "t", "exit", "Enter");
        waitForEnd();
    }

    @Test
    void ctrlCEndsAHealthWatchAndEveryFollowingKeyArrives() throws Exception {
        ctrlCEndsOnlyTheCommand("health --watch 30 --check p21mon", s -> s.contains("q to quit"), "p21mon>");
    }

    @Test
    void ctrlCEndsAnAlertsEvalWatchWithoutAnErrorAndEveryFollowingKeyArrives() throws Exception {
        ctrlCEndsOnlyTheCommand("alerts eval --watch 30", s -> s.contains("HighCPUUsage"), "p21mon [130]>");
    }

    @Test
    void ctrlCEndsTopInTheShellAndEveryFollowingKeyArrives() throws Exception {
        ctrlCEndsOnlyTheCommand("top --interval 1", s -> s.contains("CPU  [") && s.contains("q quit"), "p21mon>");
    }

    @Test
    void pipedShellPrintsNoPromptAndExitsWithTheFirstFailure() throws Exception {
        Files.writeString(dir.resolve("cmds.txt"), "config schema\nnosuch\nconfig schema\n");
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder pb = new ProcessBuilder(java, "-jar", JAR.toString(), "shell").directory(dir.toFile());
        pb.environment().put("HOME", dir.toString());
        pb.environment().put("XDG_STATE_HOME", dir.resolve("state").toString());
        Process p = pb
                .redirectInput(dir.resolve("cmds.txt").toFile()).redirectError(dir.resolve("err.txt").toFile()).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).isEqualTo(2);
        assertThat(out).startsWith("{").doesNotContain("p21mon>").doesNotContain("p21mon [");
        assertThat(Files.readString(dir.resolve("err.txt"))).contains("nosuch").doesNotContain("p21mon>");
    }

    @Test
    void topDrawsTheHostRedrawsOnResizeAndQuitsOnQ() throws Exception {
        start(100, 40, "top", "--interval", "1");
        String first = waitFor("CPU and memory bars", s -> s.contains("CPU  [") && s.contains("Mem  [") && s.contains("%"));
        assertThat(first).contains("p21mon top", "Health checks", "q quit");
        run("resize-window", "-t", "t", "-x", "60", "-y", "20");
        String small = waitFor("the view redrawn for 60x20", s -> {
            List<String> lines = s.lines().toList();
            return !lines.isEmpty() && lines.size() <= 20 && lines.get(lines.size() - 1).startsWith("q quit")
                    && s.contains("CPU  [") && s.contains("Mem  [") && lines.stream().allMatch(l -> l.length() <= 60);
        });
        assertThat(small).contains("Mem  [");
        run("send-keys", "-t", "t", "q");
        waitForEnd();
    }
}
