package io.perfect21.p21mon.config;

/**
 * One thing wrong with a configuration: where ({@code file}, 1-based {@code line} and {@code column}, 0 when unknown),
 * which key ({@code path}, e.g. {@code health.checks[0].url}), what ({@code message}) and what to do
 * ({@code suggestion}, may be null). A problem raised before its location is known (by a check type or a record) has
 * a path relative to the entry it is about and no file; {@link ConfigProblems} places it.
 */
public record ConfigProblem(String file, int line, int column, String path, String message, String suggestion) {

    /** A problem about {@code key} (relative to the entry being checked; null or empty for the entry itself). */
    public static ConfigProblem of(String key, String message, String suggestion) {
        return new ConfigProblem(null, 0, 0, key == null ? "" : key, message, suggestion);
    }

    /** {@code file:line:col: path: message; suggestion}, as every command prints it. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        if (file != null) {
            sb.append(file).append(':');
            if (line > 0) {
                sb.append(line).append(':').append(column).append(':');
            }
            sb.append(' ');
        }
        if (!path.isEmpty() && !message.contains(path)) {
            sb.append(path).append(": ");
        }
        sb.append(message);
        if (suggestion != null && !suggestion.isEmpty()) {
            sb.append("; ").append(suggestion);
        }
        return sb.toString();
    }
}
