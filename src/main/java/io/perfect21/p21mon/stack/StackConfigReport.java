package io.perfect21.p21mon.stack;

import java.util.List;

/**
 * What {@code stack config} did: the directory, the profiles, and each file with its action ({@code written},
 * {@code updated}, {@code unchanged}, {@code kept}: the user edited it or p21mon did not write it) and why.
 */
public record StackConfigReport(String dir, List<String> with, List<FileAction> files) {

    /** One file of the stack, relative to the stack dir. */
    public record FileAction(String path, String action, String note) {
    }

    public StackConfigReport {
        with = List.copyOf(with);
        files = List.copyOf(files);
    }

    /** The files left alone because the user changed them. */
    public List<FileAction> kept() {
        return files.stream().filter(f -> f.action().equals("kept")).toList();
    }
}
