package io.perfect21.p21mon.audit;

/**
 * Told how far a long audit operation ({@code import}, {@code verify}, {@code export}, {@code prune}) is. Called on
 * the operation's thread once per chunk of work (thousands of records or a file), never per record, with running
 * totals that only grow; an implementation that draws throttles itself. The audit core never writes to a terminal:
 * the command line implements this ({@code cli.render.Progress}).
 */
public interface AuditProgress {
    /** Tells nothing. */
    AuditProgress NONE = (records, bytes, totalBytes) -> {
    };

    /**
     * @param records    records (input lines, for import) handled so far
     * @param bytes      bytes handled so far: of the input as stored on disk (compressed for gzipped files), or
     *                   written (export)
     * @param totalBytes the bytes the operation will handle in all, or -1 when not known (stdin, export)
     */
    void update(long records, long bytes, long totalBytes);

    /** The operation has ended, well or not: an implementation erases what it drew. */
    default void done() {
    }
}
