package io.perfect21.p21mon;

/**
 * A failure fit for the user's eyes: what failed, which file, URL or key, and what to do. The CLI prints the message
 * alone (no stack trace unless {@code --verbose}) and maps the {@link Kind} to an exit code.
 */
public class P21monException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Whether the operation ran and failed, or was asked for wrongly. */
    public enum Kind {
        /** The operation ran and failed: a server down, a check failed, a chain broken. Exit code 1. */
        FAILED,
        /** Bad usage or bad configuration. Exit code 2. */
        USAGE
    }

    private final Kind kind;

    public P21monException(Kind kind, String message) {
        this(kind, message, null);
    }

    public P21monException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    /** The operation ran and failed. */
    public static P21monException failed(String message, Throwable cause) {
        return new P21monException(Kind.FAILED, message, cause);
    }

    /** The operation ran and failed. */
    public static P21monException failed(String message) {
        return new P21monException(Kind.FAILED, message, null);
    }

    /** The user asked for something that cannot be done as asked. */
    public static P21monException usage(String message) {
        return new P21monException(Kind.USAGE, message, null);
    }

    public Kind kind() {
        return kind;
    }
}
