package io.perfect21.p21mon.audit;

import java.io.IOException;

/**
 * Receives records as a query streams them, oldest first; {@link #idle()} is called when a follow waits for more.
 * A sink that prints records as they are stored ({@code -o jsonl}) says so with {@link #takesLines()}: the query then
 * hands it the stored line of a plain (not encrypted) record it matched on the line's bytes, without decoding it.
 */
public interface AuditSink {
    void accept(AuditRecord record) throws IOException;

    default void idle() throws IOException {
    }

    /** Whether {@link #acceptLine} may be called instead of {@link #accept} for a record stored in plain text. */
    default boolean takesLines() {
        return false;
    }

    /** A matching record as stored: the line {@code b[s, e)}, without its newline (UTF-8 JSON). */
    default void acceptLine(byte[] b, int s, int e) throws IOException {
        throw new UnsupportedOperationException("this sink takes records");
    }
}
