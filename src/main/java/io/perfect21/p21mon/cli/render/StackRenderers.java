package io.perfect21.p21mon.cli.render;

import io.perfect21.p21mon.stack.StackConfigReport;
import io.perfect21.p21mon.stack.StackDownReport;
import io.perfect21.p21mon.stack.StackStatus;
import io.perfect21.p21mon.stack.StackUpReport;
import io.perfect21.p21mon.stack.StackVerifyReport;

/** Tables of {@code stack}: files written, services started, status, the verify pass/fail table, what down stopped. */
public final class StackRenderers {
    private StackRenderers() {
    }

    /** Registers the stack tables with {@link Renderers}. */
    public static void register() {
        Renderers.register(StackConfigReport.class, "table", (r, out, style) -> {
            Table t = Table.of("FILE", "ACTION", "NOTE");
            r.files().forEach(f -> t.row(f.path(), f.action(), f.note() == null ? "" : f.note()));
            t.print(out, style);
            out.println("stack written to " + r.dir() + (r.with().isEmpty() ? "" : " (with " + String.join(",", r.with()) + ")"));
        });
        Renderers.register(StackUpReport.class, "table", (r, out, style) -> {
            Table t = Table.of("SERVICE", "STATE", "PID", "PORT", "NOTE");
            r.services().forEach(s -> t.row(s.service(), s.state(), s.pid(), s.port(), s.note() == null ? "" : s.note()));
            t.print(out, style);
            out.println(r.runtime().equals("docker") ? "ran: " + String.join(" ", r.command())
                    : "ready in " + r.readyMillis() + " ms (native runtime)");
        });
        Renderers.register(StackStatus.class, "table", (r, out, style) -> {
            Table t = Table.of("SERVICE", "STATE", "URL", "PID", "DETAIL").statusColumn(1);
            r.services().forEach(s -> t.row(s.service(), s.state(), s.url(), s.pid(), s.detail() == null ? "" : s.detail()));
            t.print(out, style);
            out.println("runtime: " + r.runtime() + ", " + (r.ok() ? "all ready" : "NOT all ready"));
            r.foreign().forEach(s -> out.println("foreign: " + s.service() + " " + s.detail()));
        });
        Renderers.register(StackVerifyReport.class, "table", (r, out, style) -> {
            Table t = Table.of("CHECK", "RESULT", "DETAIL").statusColumn(1);
            r.checks().forEach(c -> t.row(c.check(), c.ok() ? "pass" : "FAIL", c.detail() == null ? "" : c.detail()));
            t.print(out, style);
            long failed = r.checks().stream().filter(c -> !c.ok()).count();
            out.println(failed == 0 ? "stack verified: " + r.checks().size() + " checks passed"
                    : failed + " of " + r.checks().size() + " checks FAILED");
        });
        Renderers.register(StackDownReport.class, "table", (r, out, style) -> {
            Table t = Table.of("SERVICE", "ACTION", "PID", "NOTE");
            r.services().forEach(s -> t.row(s.service(), s.action(), s.pid(), s.note() == null ? "" : s.note()));
            if (t.size() > 0) {
                t.print(out, style);
            } else {
                out.println("nothing was running");
            }
            r.portsStillOpen().forEach(p -> out.println("still listening: " + p));
            if (!r.foreign().isEmpty()) {
                out.println("left running (not started by this stack): " + String.join(", ",
                        r.foreign().stream().map(s -> s.service() + (s.pid() == null ? "" : " pid " + s.pid())).toList()));
            }
        });
    }
}
