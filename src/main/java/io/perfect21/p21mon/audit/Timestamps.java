package io.perfect21.p21mon.audit;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/** Stored timestamps: UTC ISO-8601 with milliseconds ({@code 2026-11-23T10:00:00.123Z}), more digits only when present. */
final class Timestamps {
    private Timestamps() {
    }

    static String format(Instant t) {
        ByteBuf b = new ByteBuf(40);
        json(b, t);
        return new String(b.bytes, 1, b.length - 2, java.nio.charset.StandardCharsets.US_ASCII);
    }

    /** Writes the stored form of {@code t} as a JSON string (plain ASCII, quotes included), with no string made. */
    static void json(ByteBuf out, Instant t) {
        long sec = t.getEpochSecond();
        if (sec < -30_610_224_000L || sec >= 253_402_300_800L) { // outside the years 1000..9999
            Jcs.string(out, t.toString());
            return;
        }
        LocalDate d = LocalDate.ofEpochDay(Math.floorDiv(sec, 86_400));
        int time = Math.floorMod(sec, 86_400);
        out.put((byte) '"');
        digits(out, d.getYear(), 4).put((byte) '-');
        digits(out, d.getMonthValue(), 2).put((byte) '-');
        digits(out, d.getDayOfMonth(), 2).put((byte) 'T');
        digits(out, time / 3600, 2).put((byte) ':');
        digits(out, time / 60 % 60, 2).put((byte) ':');
        digits(out, time % 60, 2).put((byte) '.');
        int nanos = t.getNano();
        if (nanos % 1_000_000 == 0) {
            digits(out, nanos / 1_000_000, 3);
        } else if (nanos % 1000 == 0) {
            digits(out, nanos / 1000, 6);
        } else {
            digits(out, nanos, 9);
        }
        out.put((byte) 'Z').put((byte) '"');
    }

    /** Writes {@code v} in exactly {@code width} decimal digits (zero-padded). */
    private static ByteBuf digits(ByteBuf out, int v, int width) {
        out.ensure(width);
        for (int i = width - 1; i >= 0; i--) {
            out.bytes[out.length + i] = (byte) ('0' + v % 10);
            v /= 10;
        }
        out.length += width;
        return out;
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
        Instant fast = parseUtc(text);
        if (fast != null) {
            return fast;
        }
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

    /** {@code yyyy-MM-ddTHH:mm:ss[.f…]Z} without the formatter machinery (the hot path of import and query), else null. */
    static Instant parseUtc(String s) {
        int n = s.length();
        if (n < 20 || n > 30 || s.charAt(n - 1) != 'Z' || s.charAt(4) != '-' || s.charAt(7) != '-'
                || s.charAt(10) != 'T' || s.charAt(13) != ':' || s.charAt(16) != ':') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23 || minute < 0
                || minute > 59 || second < 0 || second > 59) {
            return null;
        }
        int nanos = 0;
        if (n > 20) {
            if (s.charAt(19) != '.' || n - 21 > 9 || n - 21 < 1) {
                return null;
            }
            int f = digits(s, 20, n - 21);
            if (f < 0) {
                return null;
            }
            nanos = f;
            for (int i = n - 21; i < 9; i++) {
                nanos *= 10;
            }
        }
        if (day > 28 && day > java.time.YearMonth.of(year, month).lengthOfMonth()) {
            return null;
        }
        long epochDay = LocalDate.of(year, month, day).toEpochDay();
        return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3600L + minute * 60L + second, nanos);
    }

    private static int digits(String s, int from, int len) {
        int v = 0;
        for (int i = from; i < from + len; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    static LocalDate utcDay(Instant t) {
        return LocalDate.ofEpochDay(Math.floorDiv(t.getEpochSecond(), 86_400));
    }
}
