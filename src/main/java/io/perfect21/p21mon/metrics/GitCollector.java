package io.perfect21.p21mon.metrics;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** {@code p21_git_*}: the cached state of the configured repositories ({@code metrics.git_repos}), label {@code repo}. */
public final class GitCollector implements MultiCollector {
    private final Supplier<List<GitRepoStats>> stats;
    private final Families families;

    public GitCollector(Supplier<List<GitRepoStats>> stats, Labels constantLabels) {
        this.stats = stats;
        this.families = new Families(constantLabels);
    }

    @Override
    public MetricSnapshots collect() {
        List<GitRepoStats> repos = stats.get();
        List<MetricSnapshot> out = new ArrayList<>();
        if (repos == null || repos.isEmpty()) {
            return new MetricSnapshots(out);
        }
        Families.Family up = families.gauge("p21_git_repository_up", "1 when the repository could be read, else 0.");
        Families.Family info = families.info("p21_git_repository", "The checked-out branch.");
        Families.Family dirty = families.gauge("p21_git_dirty_files", "Tracked files with uncommitted changes.");
        Families.Family untracked = families.gauge("p21_git_untracked_files", "Untracked files (not ignored).");
        Families.Family ahead = families.gauge("p21_git_commits_ahead", "Commits on the branch not on its upstream (0 without one).");
        Families.Family behind = families.gauge("p21_git_commits_behind", "Commits on the upstream not on the branch (0 without one).");
        Families.Family last = families.gauge("p21_git_last_commit_timestamp_seconds", "Commit time of HEAD, seconds since the epoch.");
        for (GitRepoStats r : repos) {
            up.point(r.up() ? 1 : 0, "repo", r.repo());
            if (!r.up()) {
                continue;
            }
            info.point(1, "repo", r.repo(), "branch", r.branch());
            dirty.point(r.dirtyFiles(), "repo", r.repo());
            untracked.point(r.untrackedFiles(), "repo", r.repo());
            ahead.point(r.ahead(), "repo", r.repo());
            behind.point(r.behind(), "repo", r.repo());
            last.point(r.lastCommitEpochSeconds(), "repo", r.repo());
        }
        for (Families.Family f : List.of(up, info, dirty, untracked, ahead, behind, last)) {
            f.add(out);
        }
        return new MetricSnapshots(out);
    }
}
