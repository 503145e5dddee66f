package io.perfect21.p21mon.metrics;

/**
 * The state of one git work tree: whether it could be read, its branch, how many tracked files have uncommitted
 * changes, how many files are untracked, how far the branch is ahead of and behind its upstream (0 without one), and
 * the commit time of HEAD in seconds since the epoch (0 without a commit). {@code error} says why it could not be read.
 */
public record GitRepoStats(String repo, boolean up, String branch, int dirtyFiles, int untrackedFiles, int ahead,
                           int behind, boolean hasUpstream, long lastCommitEpochSeconds, String error) {

    /** A repository that could not be read. */
    public static GitRepoStats down(String repo, String error) {
        return new GitRepoStats(repo, false, "", 0, 0, 0, 0, false, 0, error);
    }
}
