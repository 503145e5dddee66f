package io.perfect21.p21mon.stack;

import java.util.List;

/** {@code stack verify}: one row per check (what, passed or not, detail); {@code ok} when every check passed. */
public record StackVerifyReport(String runtime, boolean ok, List<Check> checks) {

    public StackVerifyReport {
        checks = List.copyOf(checks);
    }

    /** One check of the table. */
    public record Check(String check, boolean ok, String detail) {
    }
}
