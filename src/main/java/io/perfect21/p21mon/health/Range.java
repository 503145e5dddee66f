package io.perfect21.p21mon.health;

/**
 * A threshold range in the monitoring-plugins grammar ({@code [@]start:end}): {@code 10} alerts outside 0..10,
 * {@code 10:} below 10, {@code ~:10} above 10, {@code 10:20} outside 10..20, {@code @10:20} inside 10..20 (ends
 * inclusive). See the Monitoring Plugins Development Guidelines, "Threshold and ranges".
 */
public record Range(double start, double end, boolean inside, String text) {

    /**
     * Parses a range.
     *
     * @throws IllegalArgumentException naming the text and the accepted forms
     */
    public static Range parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty threshold range");
        }
        String t = text.trim();
        boolean inside = t.startsWith("@");
        if (inside) {
            t = t.substring(1);
        }
        double start = 0;
        double end;
        int colon = t.indexOf(':');
        try {
            if (colon < 0) {
                end = number(t);
            } else {
                String s = t.substring(0, colon);
                String e = t.substring(colon + 1);
                start = s.equals("~") ? Double.NEGATIVE_INFINITY : number(s);
                end = e.isEmpty() ? Double.POSITIVE_INFINITY : number(e);
            }
        } catch (NumberFormatException ex) {
            throw bad(text);
        }
        if (start > end) {
            throw new IllegalArgumentException("threshold range '" + text + "': start is greater than end");
        }
        return new Range(start, end, inside, text.trim());
    }

    private static double number(String s) {
        if (s.isEmpty() || !s.matches("[-+]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?")) {
            throw new NumberFormatException(s);
        }
        return Double.parseDouble(s);
    }

    private static IllegalArgumentException bad(String text) {
        return new IllegalArgumentException("'" + text + "' is not a threshold range; write 10, 10:, ~:10, 10:20 or @10:20");
    }

    /** Whether the value raises an alert against this range. */
    public boolean alerts(double value) {
        boolean within = value >= start && value <= end;
        return inside == within;
    }

    @Override
    public String toString() {
        return text;
    }
}
