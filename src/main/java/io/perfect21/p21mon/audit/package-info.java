/**
 * The tamper-evident audit log ({@code p21mon audit}): a directory of JSON-lines files, one per UTC day, chained by
 * hash. The members of a stored line are listed once, in {@link io.perfect21.p21mon.audit.AuditField} (SPEC §4.4);
 * JSON lines are split by one tokenizer, {@code LineScanner}, and read from files and streams by one line source,
 * {@code LineSource}. Where each step happens:
 *
 * <ul>
 *   <li><b>Write</b>: {@link io.perfect21.p21mon.audit.AuditLogger} (library calls, group commit) and
 *       {@link io.perfect21.p21mon.audit.AuditImporter} (files of events, parsed on worker threads; common lines by
 *       {@code FlatEventReader}) hand prepared events to {@link io.perfect21.p21mon.audit.AuditStore#append}. Under
 *       the {@code StoreLock} ({@code DIR/.lock}) the store finds the {@code ChainHead} ({@code TornLine} sets a
 *       torn last line aside), encodes each record with {@code RecordCodec} (hash by {@code ChainHasher} over
 *       {@code Jcs}) and appends durably with {@code DayAppender}. {@code LokiShipper} ships copies;
 *       {@link io.perfect21.p21mon.audit.AuditPruner} removes old days and gzips closed ones ({@code compress}: one
 *       gzip member per block of lines, a {@code GzMap} beside, the day's index and postings kept).</li>
 *   <li><b>Index</b>: right after the lines are on disk, the store calls {@code AuditIndex.appended}: one 40-byte
 *       entry per line in {@code audit-YYYY-MM-DD.jsonl.idx} (offset, seq, minute, hashes of user, type, level,
 *       result, source ip, resource, action: {@code AuditIndex.TERMS}), from {@code AuditIndex.Keys} computed when the event was prepared (import's parse threads). Never
 *       trusted over the records: see {@code AuditIndex} and {@code docs/audit-index.md}. From the entries, {@code
 *       AuditPostings} builds segments ({@code .pst}: term dictionary, delta-varint postings, sparse time index) so
 *       that a lookup reads only the postings of its keys ({@code IndexLookup}).
 *       {@code AuditStore.reindex} ({@code audit reindex}) and {@code verify} rebuild it.</li>
 *   <li><b>Read</b>: {@link io.perfect21.p21mon.audit.AuditQuery#run} takes an
 *       {@link io.perfect21.p21mon.audit.AuditQuery.Request}, picks the day files ({@code DayFile}), then per plain
 *       day with a usable index reads only the candidate lines ({@code IndexLookup}; a gzipped day's through {@code
 *       GzDay}, which inflates only the members holding them) and scans the rest ({@code scanFile}: days without a
 *       usable index, read ahead by {@code ReadAhead}; the unindexed tail; filters the index cannot narrow).</li>
 *   <li><b>Filter</b>: {@link io.perfect21.p21mon.audit.AuditFilter#matches} decides on every record read, whatever
 *       narrowed the candidates ({@code AuditFilter.needles} for the scan, {@code AuditIndex.Probe} for the index).
 *       Results stream to an {@link io.perfect21.p21mon.audit.AuditSink}: {@code AuditStream} (query output),
 *       {@link io.perfect21.p21mon.audit.AuditReporter}, {@link io.perfect21.p21mon.audit.AuditExporter}.</li>
 *   <li><b>Verify</b>: {@link io.perfect21.p21mon.audit.AuditVerifier#verify} walks every line:
 *       {@code PrecheckedLines} checks what a line says on its own (JSON, seq, prev, hash) once, on worker threads;
 *       {@code AuditVerifier.verdict} then decides each line in order against the one before (seq, link,
 *       decryption) and the first bad record is named in a {@link io.perfect21.p21mon.audit.VerifyReport}; anchors
 *       ({@code Anchor}, {@code AnchorTargets}) show truncation.</li>
 * </ul>
 */
package io.perfect21.p21mon.audit;
