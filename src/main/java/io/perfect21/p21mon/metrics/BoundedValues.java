package io.perfect21.p21mon.metrics;

import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Keeps a label's values to a bounded set: the first {@code limit} distinct values are kept as they are, any later
 * new value becomes {@code other}. A label that grows without bound (user ids in paths, request ids) would otherwise
 * create a new time series per value and exhaust Prometheus.
 */
public final class BoundedValues {
    /** What a value beyond the limit becomes. */
    public static final String OTHER = "other";

    private static final Pattern NUMBER = Pattern.compile("\\d+");
    private static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern HEX_ID = Pattern.compile("[0-9a-fA-F]{16,}");
    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS",
            "TRACE", "PATCH");

    private final int limit;
    private final Set<String> seen = ConcurrentHashMap.newKeySet();

    public BoundedValues(int limit) {
        this.limit = limit;
    }

    /** The value itself while fewer than {@code limit} distinct values were seen, else {@code other}. */
    public String of(String value) {
        String v = value == null || value.isBlank() ? "unknown" : value;
        if (seen.contains(v)) {
            return v;
        }
        synchronized (seen) {
            if (seen.contains(v)) {
                return v;
            }
            if (seen.size() >= limit) {
                return OTHER;
            }
            seen.add(v);
            return v;
        }
    }

    /**
     * An endpoint as a route template: the query string dropped, and path segments that are numbers, UUIDs or long
     * hex ids replaced by {@code :id}, so {@code /users/42?x=1} and {@code /users/43} are both {@code /users/:id}.
     */
    public static String endpoint(String path) {
        if (path == null || path.isBlank()) {
            return "unknown";
        }
        String p = path;
        int q = p.indexOf('?');
        if (q >= 0) {
            p = p.substring(0, q);
        }
        int h = p.indexOf('#');
        if (h >= 0) {
            p = p.substring(0, h);
        }
        String[] parts = p.split("/", -1);
        for (int i = 0; i < parts.length; i++) {
            String s = parts[i];
            if (NUMBER.matcher(s).matches() || UUID.matcher(s).matches() || HEX_ID.matcher(s).matches()) {
                parts[i] = ":id";
            }
        }
        String joined = String.join("/", parts);
        return joined.isEmpty() ? "/" : joined;
    }

    /** An HTTP method in upper case; anything not a standard method is {@code OTHER}. */
    public static String method(String method) {
        String m = method == null ? "" : method.trim().toUpperCase(Locale.ROOT);
        return METHODS.contains(m) ? m : "OTHER";
    }

    /** An HTTP status code as its three digits; anything outside 100–599 is {@code other}. */
    public static String status(int status) {
        return status >= 100 && status <= 599 ? Integer.toString(status) : OTHER;
    }
}
