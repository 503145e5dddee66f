package io.perfect21.p21mon.metrics;

import io.perfect21.p21mon.P21monException;
import io.perfect21.p21mon.config.Durations;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * The times of a {@code metrics query}: an instant query at {@code end} (null: the server's now), or a range query
 * from {@code end - range} to {@code end} every {@code step}. Times are RFC 3339, Unix seconds, or {@code now}.
 */
public record QueryTimes(Instant start, Instant end, Duration step) {
    /** At most this many points per series, below Prometheus's limit of 11,000. */
    static final long MAX_POINTS = 11_000;

    public boolean isRange() {
        return start != null;
    }

    /**
     * @param needsRange the caller draws a chart, which needs a range
     */
    public static QueryTimes of(String time, String range, String step, Clock clock, boolean needsRange) {
        Instant end = time == null ? null : instant(time, clock);
        if (range == null) {
            if (needsRange) {
                throw P21monException.usage("--plot draws a range query: give --range (e.g. --range 1h)");
            }
            if (step != null) {
                throw P21monException.usage("--step needs --range");
            }
            return new QueryTimes(null, end, null);
        }
        Duration r = duration("--range", range);
        if (r.isZero() || r.isNegative()) {
            throw P21monException.usage("--range must be positive");
        }
        Duration s = step != null ? duration("--step", step)
                : Duration.ofSeconds(Math.max(1, (long) Math.ceil(r.toMillis() / 1000.0 / 120)));
        if (s.isZero() || s.isNegative()) {
            throw P21monException.usage("--step must be positive");
        }
        if (r.toMillis() / s.toMillis() > MAX_POINTS) {
            throw P21monException.usage("--range " + range + " at --step " + Durations.format(s) + " is more than "
                    + MAX_POINTS + " points per series; use a larger --step");
        }
        Instant e = end != null ? end : clock.instant();
        return new QueryTimes(e.minus(r), e, s);
    }

    /** A time flag: RFC 3339 ({@code 2026-11-24T10:00:00Z}), Unix seconds, or {@code now}. */
    public static Instant instant(String text, Clock clock) {
        String t = text.trim();
        if (t.equalsIgnoreCase("now")) {
            return clock.instant();
        }
        if (t.matches("\\d+(\\.\\d+)?")) {
            return Instant.ofEpochMilli(Math.round(Double.parseDouble(t) * 1000));
        }
        try {
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException e) {
            throw P21monException.usage("--time: '" + text + "' is not RFC 3339 (2026-11-24T10:00:00Z), Unix seconds or now");
        }
    }

    /** A duration flag, as a usage error naming the flag when it is not one. */
    public static Duration duration(String flag, String text) {
        try {
            return Durations.parse(text);
        } catch (IllegalArgumentException e) {
            throw P21monException.usage(flag + ": " + e.getMessage());
        }
    }
}
