package io.perfect21.p21mon.cli;

/** The exit-code contract of SPEC §2 (and the Nagios one that {@code health} uses instead). */
public final class ExitCodes {
    public static final int OK = 0;
    /** The operation ran and failed: a server down, a check failed, a chain broken. */
    public static final int FAILED = 1;
    /** Bad usage or bad configuration. */
    public static final int USAGE = 2;

    /** Nagios: OK, WARNING, CRITICAL, UNKNOWN. */
    public static final int NAGIOS_OK = 0;
    public static final int NAGIOS_WARNING = 1;
    public static final int NAGIOS_CRITICAL = 2;
    public static final int NAGIOS_UNKNOWN = 3;

    private ExitCodes() {
    }
}
