package io.perfect21.p21mon.audit;

import java.io.IOException;

/** Receives records as a query streams them, oldest first; {@link #idle()} is called when a follow waits for more. */
public interface AuditSink {
    void accept(AuditRecord record) throws IOException;

    default void idle() throws IOException {
    }
}
