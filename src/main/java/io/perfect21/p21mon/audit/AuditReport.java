package io.perfect21.p21mon.audit;

import java.time.Instant;
import java.util.List;

/**
 * An aureport-style summary: counts of the selected records grouped by one dimension.
 *
 * @param by   {@code user}, {@code type}, {@code level}, {@code result}, {@code hour}, {@code day}, or {@code login}
 * @param rows one per group: busiest first (by hour/day: in time order)
 */
public record AuditReport(String by, Instant since, Instant until, long total, long failed, List<Row> rows) {

    /** One group: its key, how many records, how many failed, first and last time seen. */
    public record Row(String key, long count, long failed, Instant first, Instant last) {
    }
}
