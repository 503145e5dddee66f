package io.perfect21.p21mon.cli.render;

import java.util.Locale;

/**
 * Colour, or none: on only when stdout is a terminal, {@code NO_COLOR} is unset or empty, {@code TERM} is not
 * {@code dumb}, and {@code --no-color} was not given.
 */
public record Style(boolean color) {
    /** No colour at all. */
    public static final Style PLAIN = new Style(false);

    private static final String RESET = "\u001b[0m";

    /** Colours a status word: healthy/ok green, degraded/warning yellow, unhealthy/critical/failed red, unknown magenta. */
    public String status(String word) {
        if (!color || word == null) {
            return word;
        }
        String code = switch (word.toLowerCase(Locale.ROOT)) {
            case "healthy", "ok", "pass", "passed", "up", "success", "resolved", "intact" -> "\u001b[32m";
            case "degraded", "warning", "warn", "pending" -> "\u001b[33m";
            case "unhealthy", "critical", "fail", "failed", "failure", "down", "error", "firing", "broken" -> "\u001b[31m";
            case "unknown" -> "\u001b[35m";
            default -> null;
        };
        return code == null ? word : code + word + RESET;
    }

    /** Bold, for headers. */
    public String bold(String text) {
        return color ? "\u001b[1m" + text + RESET : text;
    }

    /** Dim, for secondary text. */
    public String dim(String text) {
        return color ? "\u001b[2m" + text + RESET : text;
    }
}
