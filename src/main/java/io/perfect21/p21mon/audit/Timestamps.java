package io.perfect21.p21mon.audit;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/** Stored timestamps: UTC ISO-8601 with milliseconds ({@code 2026-11-23T10:00:00.123Z}), more digits only when present. */
final class Timestamps {
    private Timestamps() {
    }

    static String format(Instant t) {
        LocalDateTime d = LocalDateTime.ofEpochSecond(t.getEpochSecond(), 0, ZoneOffset.UTC);
        StringBuilder sb = new StringBuilder(30);
        int y = d.getYear();
        if (y < 1000 || y > 9999) {
            return t.toString();
        }
        sb.append(y).append('-');
        two(sb, d.getMonthValue()).append('-');
        two(sb, d.getDayOfMonth()).append('T');
        two(sb, d.getHour()).append(':');
        two(sb, d.getMinute()).append(':');
        two(sb, d.getSecond()).append('.');
        int nanos = t.getNano();
        String n = Integer.toString(1_000_000_000 + nanos).substring(1);
        if (nanos % 1_000_000 == 0) {
            sb.append(n, 0, 3);
        } else if (nanos % 1000 == 0) {
            sb.append(n, 0, 6);
        } else {
            sb.append(n);
        }
        return sb.append('Z').toString();
    }

    private static StringBuilder two(StringBuilder sb, int v) {
        if (v < 10) {
            sb.append('0');
        }
        return sb.append(v);
    }

    /** Now, to the millisecond. */
    static Instant now(java.time.Clock clock) {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    /**
     * Parses an event's time: ISO-8601 with {@code Z} or an offset, or naive (the reference module's
     * {@code datetime.now().isoformat()}), read in the given zone.
     */
    static Instant parse(String text, ZoneId naiveZone) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            try {
                return java.time.OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException e2) {
                try {
                    return LocalDateTime.parse(text.replace(' ', 'T')).atZone(naiveZone).toInstant();
                } catch (DateTimeParseException e3) {
                    return LocalDate.parse(text).atStartOfDay(naiveZone).toInstant();
                }
            }
        }
    }

    static LocalDate utcDay(Instant t) {
        return LocalDate.ofEpochDay(Math.floorDiv(t.getEpochSecond(), 86_400));
    }
}
