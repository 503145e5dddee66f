package io.perfect21.p21mon.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as operators write them: a bare number is seconds (the seed's {@code interval: 60}), otherwise
 * Prometheus-style units {@code ms s m h d w y}, combinable as in {@code 1h30m}.
 */
public final class Durations {
    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h|d|w|y)");

    private Durations() {
    }

    /**
     * Parses {@code "30"}, {@code "500ms"}, {@code "5m"}, {@code "1h30m"}, {@code "30d"}.
     *
     * @throws IllegalArgumentException with a message that shows the accepted forms
     */
    public static Duration parse(String text) {
        String s = text == null ? "" : text.trim();
        if (s.matches("\\d+(\\.\\d+)?")) {
            return Duration.ofMillis(Math.round(Double.parseDouble(s) * 1000));
        }
        Matcher m = PART.matcher(s);
        long millis = 0;
        int end = 0;
        while (m.find() && m.start() == end) {
            double n = Double.parseDouble(m.group(1));
            millis += Math.round(n * unitMillis(m.group(2)));
            end = m.end();
        }
        if (s.isEmpty() || end != s.length()) {
            throw new IllegalArgumentException(
                    "'" + text + "' is not a duration; write seconds (30) or a number with a unit: 500ms, 30s, 5m, 2h, 7d");
        }
        return Duration.ofMillis(millis);
    }

    /** The shortest exact form: {@code 90s} becomes {@code 1m30s}, {@code 1500ms} stays. */
    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms == 0) {
            return "0s";
        }
        StringBuilder sb = new StringBuilder();
        if (ms < 0) {
            sb.append('-');
            ms = -ms;
        }
        if (ms % 1000 != 0) {
            return sb.append(ms).append("ms").toString();
        }
        long[] sizes = {86_400_000L, 3_600_000L, 60_000L, 1000L};
        String[] units = {"d", "h", "m", "s"};
        for (int i = 0; i < sizes.length; i++) {
            if (ms >= sizes[i]) {
                sb.append(ms / sizes[i]).append(units[i]);
                ms %= sizes[i];
            }
        }
        return sb.toString();
    }

    private static double unitMillis(String unit) {
        return switch (unit) {
            case "ms" -> 1;
            case "s" -> 1000;
            case "m" -> 60_000;
            case "h" -> 3_600_000;
            case "d" -> 86_400_000;
            case "w" -> 7 * 86_400_000.0;
            case "y" -> 365 * 86_400_000.0;
            default -> throw new IllegalArgumentException(unit);
        };
    }
}
