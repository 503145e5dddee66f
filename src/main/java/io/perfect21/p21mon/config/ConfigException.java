package io.perfect21.p21mon.config;

import io.perfect21.p21mon.P21monException;

/** A configuration file that cannot be used: its message names the file, line, column and key. */
public final class ConfigException extends P21monException {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(Kind.USAGE, message);
    }

    public ConfigException(String message, Throwable cause) {
        super(Kind.USAGE, message, cause);
    }
}
