package io.perfect21.p21mon.health.checks;

import io.perfect21.p21mon.host.JGitSetup;
import io.perfect21.p21mon.config.CheckConfig;
import io.perfect21.p21mon.config.Durations;
import io.perfect21.p21mon.health.CheckOptions;
import io.perfect21.p21mon.health.ConfiguredCheck;
import io.perfect21.p21mon.health.HealthCheckResult;
import io.perfect21.p21mon.health.HealthContext;
import io.perfect21.p21mon.health.HealthStatus;
import io.perfect21.p21mon.health.Perfdata;
import io.perfect21.p21mon.health.Thresholds;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.BranchTrackingStatus;
import org.eclipse.jgit.lib.ConfigConstants;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * {@code git} (JGit): the repository at {@code path}: its branch, the number of dirty files (tracked files with
 * uncommitted changes: modified, staged, removed, conflicting; {@link JGitSetup.Counts}, as {@code p21_git_dirty_files})
 * and untracked files (reported, not counted as dirty), commits ahead of and behind its upstream (as of the last fetch: the check does not fetch),
 * the age of the last commit and the hooks installed. Degraded when more than {@code max_dirty_files} files are
 * dirty, the last commit is older than {@code max_commit_age}, more than {@code max_behind} commits are behind
 * upstream, or the branch is not {@code branch}; unhealthy when there is no repository at {@code path}.
 * {@code warning}/{@code critical} ranges apply to the dirty file count.
 */
public final class GitCheck extends ConfiguredCheck {
    private final Path path;
    private final Integer maxDirtyFiles;
    private final Duration maxCommitAge;
    private final Integer maxBehind;
    private final String branch;
    private final Thresholds thresholds;

    public GitCheck(CheckConfig config, HealthContext context) {
        super(config);
        CheckOptions o = CheckOptions.of(config, java.util.List.of("path"), "max_dirty_files", "max_commit_age",
                "max_behind", "branch");
        this.path = context.resolve(o.requiredString("path"));
        this.maxDirtyFiles = o.optionalInt("max_dirty_files");
        this.maxCommitAge = o.duration("max_commit_age", null);
        this.maxBehind = o.optionalInt("max_behind");
        this.branch = o.string("branch", null);
        this.thresholds = o.thresholds();
    }

    @Override
    public HealthCheckResult check() throws IOException, org.eclipse.jgit.api.errors.GitAPIException {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("path", path.toString());
        JGitSetup.init(Files.isDirectory(path) ? path : path.getParent() != null ? path.getParent() : path);
        FileRepositoryBuilder builder = new FileRepositoryBuilder().readEnvironment().findGitDir(path.toFile());
        if (!Files.isDirectory(path) || builder.getGitDir() == null) {
            return result(HealthStatus.UNHEALTHY, "no git repository at " + path, details, List.of());
        }
        try (Repository repo = builder.setMustExist(true).build(); Git git = new Git(repo)) {
            List<String> problems = new ArrayList<>();
            List<Perfdata> perf = new ArrayList<>();
            HealthStatus status = HealthStatus.HEALTHY;
            String current = repo.getBranch();
            boolean detached = repo.exactRef(Constants.HEAD) != null && !repo.exactRef(Constants.HEAD).isSymbolic();
            details.put("branch", detached ? null : current);
            details.put("detached", detached);
            ObjectId head = repo.resolve(Constants.HEAD);
            if (branch != null && !branch.equals(current)) {
                status = HealthStatus.DEGRADED;
                problems.add("on " + (detached ? "detached HEAD" : "branch " + current) + ", expected " + branch);
            }

            int dirty = 0;
            int untracked = 0;
            if (!repo.isBare()) {
                JGitSetup.Counts counts = JGitSetup.Counts.of(git.status().call());
                dirty = counts.dirty();
                untracked = counts.untracked();
                details.put("dirty_files", dirty);
                details.put("untracked_files", untracked);
                details.put("conflicting_files", counts.conflicting());
                HealthStatus t = thresholds.status(dirty);
                status = status.worse(t);
                if (maxDirtyFiles != null && dirty > maxDirtyFiles) {
                    status = status.worse(HealthStatus.DEGRADED);
                }
                if (t != HealthStatus.HEALTHY || (maxDirtyFiles != null && dirty > maxDirtyFiles)) {
                    problems.add(dirty + " dirty file" + (dirty == 1 ? "" : "s")
                            + (maxDirtyFiles != null ? " (max " + maxDirtyFiles + ")" : ""));
                }
                perf.add(new Perfdata("dirty_files", (double) dirty, "", thresholds.warningText().isEmpty() && maxDirtyFiles != null
                        ? String.valueOf(maxDirtyFiles) : thresholds.warningText(), thresholds.criticalText(), 0.0, null));
                perf.add(Perfdata.of("untracked_files", untracked, ""));
            }

            if (!detached) {
                BranchTrackingStatus tracking = BranchTrackingStatus.of(repo, current);
                if (tracking != null) {
                    details.put("upstream", Repository.shortenRefName(tracking.getRemoteTrackingBranch()));
                    details.put("ahead", tracking.getAheadCount());
                    details.put("behind", tracking.getBehindCount());
                    perf.add(Perfdata.of("ahead", tracking.getAheadCount(), ""));
                    perf.add(Perfdata.of("behind", tracking.getBehindCount(), ""));
                    if (maxBehind != null && tracking.getBehindCount() > maxBehind) {
                        status = status.worse(HealthStatus.DEGRADED);
                        problems.add(tracking.getBehindCount() + " commits behind " + details.get("upstream"));
                    }
                } else {
                    details.put("upstream", null);
                }
            }

            String commitText = "no commits";
            if (head != null) {
                try (RevWalk walk = new RevWalk(repo)) {
                    RevCommit c = walk.parseCommit(head);
                    Instant when = c.getCommitterIdent().getWhenAsInstant();
                    long age = Math.max(0, Duration.between(when, Instant.now()).toSeconds());
                    details.put("head", head.abbreviate(12).name());
                    details.put("last_commit_time", when.toString());
                    details.put("last_commit_age_seconds", age);
                    details.put("last_commit_subject", c.getShortMessage());
                    perf.add(new Perfdata("commit_age", (double) age, "s",
                            maxCommitAge == null ? "" : String.valueOf(maxCommitAge.toSeconds()), "", 0.0, null));
                    commitText = "last commit " + Durations.format(Duration.ofSeconds(age)) + " ago";
                    if (maxCommitAge != null && age > maxCommitAge.toSeconds()) {
                        status = status.worse(HealthStatus.DEGRADED);
                        problems.add(commitText + " (max " + Durations.format(maxCommitAge) + ")");
                    }
                }
            }
            details.put("hooks", hooks(repo));

            String where = detached ? "detached HEAD" : current;
            String summary = where + ", " + dirty + " dirty" + (untracked > 0 ? ", " + untracked + " untracked" : "")
                    + (details.get("ahead") != null ? ", ahead " + details.get("ahead") + " behind " + details.get("behind") : "")
                    + ", " + commitText;
            String message = problems.isEmpty() ? summary : String.join(", ", problems) + " (" + summary + ")";
            return result(status, message, details, perf);
        }
    }

    /** Installed hooks: executable files in the hooks directory ({@code core.hooksPath} or .git/hooks), no samples. */
    private static List<String> hooks(Repository repo) throws IOException {
        String configured = repo.getConfig().getString(ConfigConstants.CONFIG_CORE_SECTION, null,
                ConfigConstants.CONFIG_KEY_HOOKS_PATH);
        File dir;
        if (configured != null) {
            File f = new File(configured);
            dir = f.isAbsolute() ? f : new File(repo.isBare() ? repo.getDirectory() : repo.getWorkTree(), configured);
        } else {
            dir = new File(repo.getDirectory(), Constants.HOOKS);
        }
        if (!dir.isDirectory()) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir.toPath())) {
            return s.filter(p -> Files.isRegularFile(p) && Files.isExecutable(p))
                    .map(p -> p.getFileName().toString())
                    .filter(n -> !n.endsWith(".sample"))
                    .sorted()
                    .toList();
        }
    }
}
