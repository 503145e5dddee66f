package io.perfect21.p21mon.tracing;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * A W3C trace context ({@code traceparent} version 00 and its {@code tracestate}): ids in lower-case hex, the sampled
 * flag. Carried in HTTP headers ({@code traceparent}, {@code tracestate}) and in environment variables
 * ({@code TRACEPARENT}, {@code TRACESTATE}) for child processes.
 *
 * <pre>{@code
 * TraceContext parent = TraceContext.fromEnvironment(System.getenv());   // null when absent or malformed
 * String header = ctx.traceparent();   // 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01
 * }</pre>
 */
public record TraceContext(String traceId, String spanId, boolean sampled, String traceState) {
    public static final String TRACEPARENT_HEADER = "traceparent";
    public static final String TRACESTATE_HEADER = "tracestate";
    public static final String TRACEPARENT_ENV = "TRACEPARENT";
    public static final String TRACESTATE_ENV = "TRACESTATE";

    private static final Pattern TRACEPARENT =
            Pattern.compile("([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(-.*)?");
    private static final String INVALID_TRACE = "0".repeat(32);
    private static final String INVALID_SPAN = "0".repeat(16);

    public TraceContext {
        if (!valid(traceId, 32) || !valid(spanId, 16)) {
            throw new IllegalArgumentException("not a W3C trace context: trace id " + traceId + ", span id " + spanId);
        }
        traceState = traceState == null || traceState.isBlank() ? null : traceState.strip();
    }

    private static boolean valid(String hex, int length) {
        return hex != null && hex.length() == length && hex.chars().allMatch(c -> c >= '0' && c <= '9' || c >= 'a' && c <= 'f')
                && !hex.equals(length == 32 ? INVALID_TRACE : INVALID_SPAN);
    }

    /**
     * Parses a {@code traceparent} value (and an optional {@code tracestate}); null when it is absent or not valid
     * (the W3C rule: an invalid parent starts a new trace).
     */
    public static TraceContext parse(String traceparent, String tracestate) {
        if (traceparent == null) {
            return null;
        }
        var m = TRACEPARENT.matcher(traceparent.strip().toLowerCase(Locale.ROOT));
        if (!m.matches() || m.group(1).equals("ff") || (m.group(1).equals("00") && m.group(5) != null)) {
            return null;
        }
        if (m.group(2).equals(INVALID_TRACE) || m.group(3).equals(INVALID_SPAN)) {
            return null;
        }
        boolean sampled = (Integer.parseInt(m.group(4), 16) & 1) == 1;
        return new TraceContext(m.group(2), m.group(3), sampled, tracestate);
    }

    /** Extracts from HTTP headers (names compared case-insensitively). */
    public static TraceContext fromHeaders(Map<String, String> headers) {
        String parent = null;
        String state = null;
        for (Map.Entry<String, String> e : headers.entrySet()) {
            if (TRACEPARENT_HEADER.equalsIgnoreCase(e.getKey())) {
                parent = e.getValue();
            } else if (TRACESTATE_HEADER.equalsIgnoreCase(e.getKey())) {
                state = e.getValue();
            }
        }
        return parse(parent, state);
    }

    /** Extracts from environment variables {@code TRACEPARENT} and {@code TRACESTATE}. */
    public static TraceContext fromEnvironment(Map<String, String> env) {
        return parse(env.get(TRACEPARENT_ENV), env.get(TRACESTATE_ENV));
    }

    /** A new random root context (not sampled): what a no-op tracer hands to child processes. */
    public static TraceContext newRoot() {
        return new TraceContext(randomHex(32), randomHex(16), false, null);
    }

    /** A new span id in the same trace, same flags and state. */
    public TraceContext child() {
        return new TraceContext(traceId, randomHex(16), sampled, traceState);
    }

    static String randomHex(int length) {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        StringBuilder b = new StringBuilder(length);
        while (b.length() < length) {
            String part = Long.toHexString(r.nextLong() | Long.MIN_VALUE); // 16 digits, never all zeros
            b.append(part, 0, Math.min(part.length(), length - b.length()));
        }
        return b.toString();
    }

    /** The {@code traceparent} value. */
    public String traceparent() {
        return "00-" + traceId + "-" + spanId + "-" + (sampled ? "01" : "00");
    }

    /** Puts {@code traceparent} (and {@code tracestate}) into HTTP headers. */
    public void injectHeaders(Map<String, String> headers) {
        headers.put(TRACEPARENT_HEADER, traceparent());
        if (traceState != null) {
            headers.put(TRACESTATE_HEADER, traceState);
        } else {
            headers.remove(TRACESTATE_HEADER);
        }
    }

    /** Puts {@code TRACEPARENT} (and {@code TRACESTATE}) into a child process's environment. */
    public void injectEnvironment(Map<String, String> env) {
        env.put(TRACEPARENT_ENV, traceparent());
        if (traceState != null) {
            env.put(TRACESTATE_ENV, traceState);
        } else {
            env.remove(TRACESTATE_ENV);
        }
    }
}
