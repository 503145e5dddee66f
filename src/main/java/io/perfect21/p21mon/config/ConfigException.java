package io.perfect21.p21mon.config;

import io.perfect21.p21mon.P21monException;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A configuration that cannot be used: every {@link ConfigProblem} found, each naming the file, line, column and key.
 * The message is one problem a line.
 */
public final class ConfigException extends P21monException {
    private static final long serialVersionUID = 1L;

    private final transient List<ConfigProblem> problems;

    public ConfigException(String message) {
        this(message, (Throwable) null);
    }

    public ConfigException(String message, Throwable cause) {
        super(Kind.USAGE, message, cause);
        this.problems = List.of(new ConfigProblem(null, 0, 0, "", message, null));
    }

    /** Problems found at once; the message lists them, one a line. */
    public ConfigException(List<ConfigProblem> problems) {
        this(problems.stream().map(ConfigProblem::toString).collect(Collectors.joining("\n")), problems);
    }

    /**
     * A problem with its own message for a reader who sees it without the file (e.g. a health check's UNKNOWN result),
     * and the problems with paths relative to the entry being checked, which a validator places in the file.
     */
    public ConfigException(String message, List<ConfigProblem> problems) {
        super(Kind.USAGE, message, null);
        this.problems = List.copyOf(problems);
    }

    /** Every problem, at least one. */
    public List<ConfigProblem> problems() {
        return problems;
    }
}
