package io.perfect21.p21mon.audit;

/**
 * An event as stored: its place in the chain ({@code seq}, from 1), the hash of the record before it ({@code prev},
 * 64 zeros for the first) and its own {@code hash} (hex SHA-256, or HMAC-SHA256 when keyed, over the RFC 8785
 * canonical JSON of the record without {@code hash}).
 */
public record AuditRecord(long seq, AuditEvent event, String prev, String hash) {
    /** The {@code prev} of the first record of a chain. */
    public static final String GENESIS = "0".repeat(64);
}
