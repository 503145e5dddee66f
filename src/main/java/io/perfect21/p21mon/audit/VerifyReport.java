package io.perfect21.p21mon.audit;

import java.util.List;

/**
 * What {@code audit verify} found. Integrity (every record hashes to its {@code hash}, links to the one before by
 * {@code prev}, seq without gaps) and completeness (the chain reaches the anchored head) are reported separately.
 *
 * @param status       {@code intact}, {@code broken} (integrity) or {@code incomplete} (intact, but short of the anchor)
 * @param problem      the first bad record, or null
 * @param completeness null when no anchor was given
 * @param warnings     torn lines, fragments kept in {@code .torn} files, a pruned start
 */
public record VerifyReport(String status, String dir, int files, long records, long firstSeq, long lastSeq,
                           String headHash, boolean keyed, boolean encrypted, Problem problem,
                           Completeness completeness, List<String> warnings) {

    /**
     * The first bad record.
     *
     * @param verdict {@code malformed}, {@code hash_mismatch}, {@code unkeyed_hash}, {@code seq_gap},
     *                {@code reordered}, {@code prev_mismatch}, {@code decrypt_failed}
     */
    public record Problem(String file, long line, Long seq, String verdict, String expected, String actual,
                          String message) {
    }

    /** The chain against an anchor taken earlier. */
    public record Completeness(String anchor, long anchorSeq, String anchorHash, boolean complete, String message) {
    }

    public boolean ok() {
        return "intact".equals(status);
    }
}
