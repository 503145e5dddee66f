package io.perfect21.p21mon.audit;

import java.io.IOException;

/**
 * Receives records as a query streams them, oldest first; {@link #idle()} is called when a follow waits for more.
 * A sink that prints records as they are stored ({@code -o jsonl}) gives {@link #storedLines()}: the query then hands
 * it the stored line of a plain (not encrypted) record it matched on the line's bytes, without decoding it.
 */
public interface AuditSink {
    void accept(AuditRecord record) throws IOException;

    default void idle() throws IOException {
    }

    /** Where matching plain records go as their stored lines instead of to {@link #accept}; null (records only). */
    default StoredLines storedLines() {
        return null;
    }

    /** Takes a matching record as stored: the line {@code b[s, e)}, without its newline (UTF-8 JSON). */
    @FunctionalInterface
    interface StoredLines {
        void accept(byte[] b, int s, int e) throws IOException;
    }
}
