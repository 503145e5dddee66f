/**
 * The audit log: a tamper-evident store of audit events (JSON lines, one file per UTC day, hash-chained, optionally
 * HMAC-keyed and encrypted, appended under a file lock and fsynced), with query, report, export, import of the
 * reference module's files, prune and compression, verification with anchors, and shipping to Loki. A library
 * starts at {@link io.perfect21.p21mon.audit.AuditLogger}; the commands open the configured store with
 * {@link io.perfect21.p21mon.audit.AuditStores#open} and hand it to {@code AuditQuery}, {@code AuditReporter},
 * {@code AuditVerifier}, {@code AuditImporter}, {@code AuditExporter} or {@code AuditPruner}.
 */
package io.perfect21.p21mon.audit;
