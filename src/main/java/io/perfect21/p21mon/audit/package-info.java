/**
 * The tamper-evident audit log ({@code p21mon audit}): a directory of JSON-lines files, one per UTC day, chained by
 * hash. Where each step happens:
 *
 * <ul>
 *   <li><b>Write</b>: {@link io.perfect21.p21mon.audit.AuditLogger} (library calls, group commit) and
 *       {@link io.perfect21.p21mon.audit.AuditImporter} (files of events; its fast line reader is
 *       {@code FlatEventReader}) hand events to {@link io.perfect21.p21mon.audit.AuditStore}, which takes the lock
 *       ({@code DIR/.lock}), finds the head, encodes each record with {@code RecordCodec} (the field list of a stored
 *       line, SPEC §4.4; hashes by {@code ChainHasher} over {@code Jcs}), appends and fsyncs ({@code write}).
 *       {@code LokiShipper} ships copies; {@link io.perfect21.p21mon.audit.AuditPruner} removes and gzips old days.</li>
 *   <li><b>Index</b>: right after the lines are on disk, {@code AuditStore.write} calls {@code AuditIndex.appended}:
 *       one 32-byte entry per line in {@code audit-YYYY-MM-DD.jsonl.idx} (offset, seq, minute, hashes of user, type,
 *       level, result). Never trusted over the records: see {@code AuditIndex} and {@code docs/audit-index.md}.
 *       {@code AuditStore.reindex} ({@code audit reindex}) and {@code verify} rebuild it.</li>
 *   <li><b>Read</b>: {@link io.perfect21.p21mon.audit.AuditQuery#run} picks the day files, then per plain day with a
 *       usable index reads only the candidate lines ({@code indexed}) and scans the rest ({@code scanFile}: gzipped
 *       days, the unindexed tail, filters the index cannot narrow). {@code DayFile} names and lists the files.</li>
 *   <li><b>Filter</b>: {@link io.perfect21.p21mon.audit.AuditFilter#matches} decides on every record read, whatever
 *       narrowed the candidates ({@code AuditFilter.needles} for the scan, {@code AuditIndex.Probe} for the index).
 *       Results stream to an {@link io.perfect21.p21mon.audit.AuditSink}: {@code AuditStream} (query output),
 *       {@link io.perfect21.p21mon.audit.AuditReporter}, {@link io.perfect21.p21mon.audit.AuditExporter}.</li>
 *   <li><b>Verify</b>: {@link io.perfect21.p21mon.audit.AuditVerifier#verify} walks every line
 *       ({@code PrecheckedLines} hashes them on worker threads, {@code LineScanner} splits the JSON) and names the
 *       first bad record in a {@link io.perfect21.p21mon.audit.VerifyReport}; anchors ({@code Anchor},
 *       {@code AnchorTargets}) show truncation.</li>
 * </ul>
 */
package io.perfect21.p21mon.audit;
