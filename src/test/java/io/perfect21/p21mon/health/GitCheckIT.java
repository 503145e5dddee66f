package io.perfect21.p21mon.health;

import com.fasterxml.jackson.databind.JsonNode;
import io.perfect21.p21mon.testing.Cli;
import io.perfect21.p21mon.testing.Servers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.perfect21.p21mon.health.HealthIT.check;
import static io.perfect21.p21mon.health.HealthIT.runJson;
import static org.assertj.core.api.Assertions.assertThat;

/** The git check on repositories made with the real git CLI: a bare upstream, a clone ahead and behind, dirt, age. */
class GitCheckIT {
    @TempDir
    Path dir;
    String git;
    Path work;

    @BeforeEach
    void repos() throws Exception {
        git = Servers.binary("git").toString();
        git(dir, Map.of(), "init", "-q", "--bare", "-b", "main", "upstream.git");
        git(dir, Map.of(), "clone", "-q", "upstream.git", "work");
        work = dir.resolve("work");
        Files.writeString(work.resolve("a.txt"), "a\n");
        git(work, Map.of(), "add", "a.txt");
        git(work, Map.of(), "commit", "-q", "-m", "first");
        git(work, Map.of(), "push", "-q", "origin", "HEAD:main");
        git(work, Map.of(), "branch", "-q", "--set-upstream-to=origin/main");
    }

    void git(Path in, Map<String, String> env, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(git, "-c", "user.name=t", "-c", "user.email=t@example.com",
                "-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(in.toFile()).redirectErrorStream(true);
        pb.environment().put("HOME", dir.toString());
        pb.environment().put("GIT_CONFIG_NOSYSTEM", "1");
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as("git " + String.join(" ", args) + ": " + out).isZero();
    }

    JsonNode run(String keys) throws Exception {
        return check(runJson(Cli.in(dir), dir, "health:\n  checks:\n    - {name: repo, type: git, path: work" + keys + "}\n"), "repo");
    }

    @Test
    void cleanRepoInSyncIsHealthy() throws Exception {
        JsonNode r = run(", max_dirty_files: 0, max_commit_age: 1d");
        assertThat(r.get("status").asText()).as(r.toString()).isEqualTo("healthy");
        JsonNode d = r.get("details");
        assertThat(d.get("branch").asText()).isEqualTo("main");
        assertThat(d.get("upstream").asText()).isEqualTo("origin/main");
        assertThat(d.get("ahead").asInt()).isZero();
        assertThat(d.get("behind").asInt()).isZero();
        assertThat(d.get("dirty_files").asInt()).isZero();
        assertThat(d.get("hooks")).isEmpty();
    }

    @Test
    void dirtyFilesAboveTheMaximumAreDegraded() throws Exception {
        Files.writeString(work.resolve("a.txt"), "changed\n");
        Files.writeString(work.resolve("new.txt"), "untracked\n");
        Files.writeString(work.resolve("b.txt"), "staged\n");
        git(work, Map.of(), "add", "b.txt");
        JsonNode r = run(", max_dirty_files: 1");
        assertThat(r.get("status").asText()).isEqualTo("degraded");
        // dirty: tracked files with uncommitted changes (a.txt modified, b.txt staged); new.txt is untracked, not dirty
        assertThat(r.get("details").get("dirty_files").asInt()).isEqualTo(2);
        assertThat(r.get("details").get("untracked_files").asInt()).isEqualTo(1);
        assertThat(r.get("message").asText()).startsWith("2 dirty files (max 1)").contains("1 untracked");
        assertThat(run(", max_dirty_files: 2").get("status").asText()).isEqualTo("healthy");
    }

    @Test
    void theCheckAndTheExporterCountDirtyFilesAlike() throws Exception {
        Files.writeString(work.resolve("stray.txt"), "untracked\n");
        JsonNode r = run(", max_dirty_files: 0");
        assertThat(r.get("status").asText()).as(r.toString()).isEqualTo("healthy");
        assertThat(r.get("details").get("dirty_files").asInt()).isZero();
        assertThat(r.get("details").get("untracked_files").asInt()).isEqualTo(1);
        assertThat(r.get("message").asText()).contains("0 dirty, 1 untracked");
        io.perfect21.p21mon.metrics.GitRepoStats stats = io.perfect21.p21mon.metrics.GitRepoReader.read("work", work);
        assertThat(stats.dirtyFiles()).isZero();
        assertThat(stats.untrackedFiles()).isEqualTo(1);
    }

    @Test
    void jgitWritesNoConfigurationOfItsOwn() throws Exception {
        run("");
        // JGit keeps its measured file-system attributes in $XDG_CONFIG_HOME/jgit/config; p21mon's stays in memory
        org.eclipse.jgit.lib.StoredConfig jgit = org.eclipse.jgit.util.SystemReader.getInstance().getJGitConfig();
        java.io.File file = ((org.eclipse.jgit.storage.file.FileBasedConfig) jgit).getFile();
        assertThat(file.getPath()).doesNotContain(java.io.File.separator + "jgit" + java.io.File.separator);
        jgit.setString("p21mon", null, "probe", "1");
        jgit.save();
        assertThat(file).doesNotExist();
    }

    @Test
    void aheadAndBehindItsUpstream() throws Exception {
        git(dir, Map.of(), "clone", "-q", "upstream.git", "other");
        Path other = dir.resolve("other");
        for (int i = 0; i < 3; i++) {
            Files.writeString(other.resolve("o" + i), "x");
            git(other, Map.of(), "add", ".");
            git(other, Map.of(), "commit", "-q", "-m", "other " + i);
        }
        git(other, Map.of(), "push", "-q", "origin", "HEAD:main");
        Files.writeString(work.resolve("b.txt"), "b\n");
        git(work, Map.of(), "add", "b.txt");
        git(work, Map.of(), "commit", "-q", "-m", "local");
        git(work, Map.of(), "fetch", "-q");
        JsonNode r = run(", max_behind: 2");
        assertThat(r.get("details").get("ahead").asInt()).isEqualTo(1);
        assertThat(r.get("details").get("behind").asInt()).isEqualTo(3);
        assertThat(r.get("status").asText()).isEqualTo("degraded");
        assertThat(r.get("message").asText()).startsWith("3 commits behind origin/main");
    }

    @Test
    void anOldLastCommitIsDegradedAndHooksAreListed() throws Exception {
        Files.writeString(work.resolve("c.txt"), "c\n");
        git(work, Map.of(), "add", "c.txt");
        git(work, Map.of("GIT_COMMITTER_DATE", "2020-01-01T00:00:00Z", "GIT_AUTHOR_DATE", "2020-01-01T00:00:00Z"),
                "commit", "-q", "-m", "old");
        Path hook = work.resolve(".git/hooks/pre-commit");
        Files.writeString(hook, "#!/bin/sh\nexit 0\n");
        hook.toFile().setExecutable(true);
        JsonNode r = run(", max_commit_age: 30d");
        assertThat(r.get("status").asText()).isEqualTo("degraded");
        assertThat(r.get("details").get("last_commit_time").asText()).isEqualTo("2020-01-01T00:00:00Z");
        assertThat(r.get("message").asText()).contains("(max 30d)");
        assertThat(r.get("details").get("hooks")).extracting(JsonNode::asText).containsExactly("pre-commit");
    }

    @Test
    void noRepositoryIsUnhealthy() throws Exception {
        Files.createDirectories(dir.resolve("plain"));
        JsonNode r = check(runJson(Cli.in(dir), dir, "health:\n  checks:\n    - {name: repo, type: git, path: /nonexistent/x}\n"), "repo");
        assertThat(r.get("status").asText()).isEqualTo("unhealthy");
        assertThat(r.get("message").asText()).isEqualTo("no git repository at /nonexistent/x");
    }
}
