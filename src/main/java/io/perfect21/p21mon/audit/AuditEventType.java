package io.perfect21.p21mon.audit;

import io.perfect21.p21mon.P21monException;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The audit event types of the reference module ({@code perfectuser21/Claude_Enhancer}, {@code monitoring/audit_logger.py}),
 * stored in lower case as it stores them ({@code user_login}), so its files import unchanged.
 */
public enum AuditEventType {
    USER_LOGIN, USER_LOGOUT, USER_ACTION,
    SYSTEM_START, SYSTEM_STOP, CONFIG_CHANGE,
    DATA_CREATE, DATA_READ, DATA_UPDATE, DATA_DELETE,
    AUTHENTICATION, AUTHORIZATION, SECURITY_VIOLATION,
    AGENT_EXECUTION, WORKFLOW_START, WORKFLOW_COMPLETE,
    GIT_COMMIT, GIT_PUSH, GIT_PULL,
    API_REQUEST, API_RESPONSE;

    private final String value = name().toLowerCase(Locale.ROOT);

    /** The stored form, e.g. {@code user_login}. */
    public String value() {
        return value;
    }

    /**
     * Parses any case ({@code USER_LOGIN}, {@code user_login}, {@code User-Login}).
     *
     * @throws P21monException (usage) naming the accepted values
     */
    public static AuditEventType parse(String text) {
        String s = text == null ? "" : text.trim().replace('-', '_').toUpperCase(Locale.ROOT);
        for (AuditEventType t : values()) {
            if (t.name().equals(s)) {
                return t;
            }
        }
        throw P21monException.usage("'" + text + "' is not an audit event type; one of: "
                + Arrays.stream(values()).map(AuditEventType::value).collect(Collectors.joining(", ")));
    }
}
