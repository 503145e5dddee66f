package io.perfect21.p21mon.audit;

import java.util.List;

/** What {@code audit prune} removed (whole day files older than the cut-off) and compressed. */
public record PruneReport(String cutoffDay, boolean dryRun, List<String> removed, long removedBytes,
                          long lastRemovedSeq, List<String> compressed) {
}
