package io.perfect21.p21mon.audit;

import io.perfect21.p21mon.P21monException;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The reference module's audit levels, stored in lower case ({@code info}). */
public enum AuditLevel {
    DEBUG, INFO, WARNING, ERROR, CRITICAL;

    private final String value = name().toLowerCase(Locale.ROOT);

    /** The stored form, e.g. {@code warning}. */
    public String value() {
        return value;
    }

    /**
     * Parses any case; {@code warn} is accepted for {@code warning}.
     *
     * @throws P21monException (usage) naming the accepted values
     */
    public static AuditLevel parse(String text) {
        String s = text == null ? "" : text.trim().toUpperCase(Locale.ROOT);
        if (s.equals("WARN")) {
            return WARNING;
        }
        for (AuditLevel l : values()) {
            if (l.name().equals(s)) {
                return l;
            }
        }
        throw P21monException.usage("'" + text + "' is not an audit level; one of: "
                + Arrays.stream(values()).map(AuditLevel::value).collect(Collectors.joining(", ")));
    }
}
