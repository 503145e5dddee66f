package io.perfect21.p21mon.audit;

import io.perfect21.p21mon.P21monException;
import io.perfect21.p21mon.config.Durations;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;

/**
 * Times for {@code --since}/{@code --until}: ISO-8601 (with an offset, or local), relative ({@code 2h}, {@code 7d}:
 * that long ago), or ausearch's words: {@code now}, {@code recent} (10 minutes ago), {@code today},
 * {@code yesterday}, {@code this-week} (Monday), {@code week-ago}, {@code this-month}, {@code this-year}, all at
 * local midnight in the clock's zone.
 */
public final class AuditTimes {
    private AuditTimes() {
    }

    public static Instant parse(String text, Clock clock, String flag) {
        if (text == null) {
            return null;
        }
        String s = text.trim().toLowerCase(java.util.Locale.ROOT);
        ZoneId zone = clock.getZone();
        LocalDate today = LocalDate.now(clock);
        switch (s) {
            case "now":
                return clock.instant();
            case "recent":
                return clock.instant().minusSeconds(600);
            case "today":
                return today.atStartOfDay(zone).toInstant();
            case "yesterday":
                return today.minusDays(1).atStartOfDay(zone).toInstant();
            case "this-week":
                return today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).atStartOfDay(zone).toInstant();
            case "week-ago":
                return today.minusDays(7).atStartOfDay(zone).toInstant();
            case "this-month":
                return today.withDayOfMonth(1).atStartOfDay(zone).toInstant();
            case "this-year":
                return today.withDayOfYear(1).atStartOfDay(zone).toInstant();
            default:
                break;
        }
        if (s.matches("(\\d+(\\.\\d+)?(ms|s|m|h|d|w|y))+")) {
            return clock.instant().minus(Durations.parse(s));
        }
        try {
            return Timestamps.parse(text.trim(), zone);
        } catch (RuntimeException e) {
            throw P21monException.usage(flag + " '" + text + "': give an ISO-8601 time (2026-11-23, 2026-11-23T10:00:00Z), "
                    + "an age (2h, 7d) or one of now, recent, today, yesterday, this-week, week-ago, this-month, this-year");
        }
    }
}
