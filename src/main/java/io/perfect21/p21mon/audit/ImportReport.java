package io.perfect21.p21mon.audit;

import java.util.List;

/**
 * What {@code audit import} did.
 *
 * @param imported          records appended (with the chain)
 * @param rejected          lines that were not events (not JSON, no event_type), skipped
 * @param checksumMismatch  reference records whose {@code checksum} did not match (imported, marked
 *                          {@code metadata.import_checksum: mismatch})
 * @param problems          the first rejected lines, as {@code source:line: why}
 */
public record ImportReport(List<String> sources, long imported, long rejected, long checksumChecked,
                           long checksumMismatch, long firstSeq, long lastSeq, long durationMillis,
                           List<String> problems) {
}
