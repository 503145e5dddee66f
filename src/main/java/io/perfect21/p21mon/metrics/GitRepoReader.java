package io.perfect21.p21mon.metrics;

import org.eclipse.jgit.api.Git;
import io.perfect21.p21mon.host.JGitSetup;
import org.eclipse.jgit.lib.BranchTrackingStatus;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;

import java.nio.file.Path;

/** Reads a {@link GitRepoStats} from a work tree with JGit (no git binary needed). */
public final class GitRepoReader {
    private GitRepoReader() {
    }

    /** The state of the work tree at {@code dir}; a directory that is not a readable repository is "down". */
    public static GitRepoStats read(String repo, Path dir) {
        JGitSetup.init(java.nio.file.Files.isDirectory(dir) ? dir : dir.toAbsolutePath().getParent());
        try (Git git = Git.open(dir.toFile())) {
            Repository r = git.getRepository();
            JGitSetup.Counts counts = JGitSetup.Counts.of(git.status().call());
            String branch = r.getBranch();
            int ahead = 0;
            int behind = 0;
            boolean upstream = false;
            BranchTrackingStatus tracking = branch == null ? null : BranchTrackingStatus.of(r, branch);
            if (tracking != null) {
                upstream = true;
                ahead = tracking.getAheadCount();
                behind = tracking.getBehindCount();
            }
            long lastCommit = 0;
            ObjectId head = r.resolve("HEAD");
            if (head != null) {
                try (RevWalk walk = new RevWalk(r)) {
                    lastCommit = walk.parseCommit(head).getCommitTime();
                }
            }
            return new GitRepoStats(repo, true, branch == null ? "" : branch, counts.dirty(), counts.untracked(), ahead,
                    behind, upstream, lastCommit, null);
        } catch (Exception e) {
            return GitRepoStats.down(repo, dir + ": " + e.getMessage());
        }
    }
}
