package io.perfect21.p21mon.health;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One Nagios performance datum, {@code 'label'=value[UOM];[warn];[crit];[min];[max]}: the unit is one of
 * {@code s ms us % B KB MB GB TB c} or empty; warn and crit are ranges as text (may be empty); min and max may be
 * null. A null value is the guidelines' {@code U} (could not be determined).
 */
public record Perfdata(String label, Double value, String uom, String warn, String crit, Double min, Double max) {
    private static final Pattern ITEM = Pattern.compile(
            "\\s*('(?:[^']|'')+'|[^'=\\s][^=\\s]*)=([^;\\s]*)(?:;([^;\\s]*))?(?:;([^;\\s]*))?(?:;([^;\\s]*))?(?:;([^;\\s]*))?");
    private static final Pattern VALUE = Pattern.compile("([-+]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][-+]?\\d+)?)([a-zA-Z%]*)");

    public Perfdata {
        if (label == null || label.isEmpty()) {
            throw new IllegalArgumentException("perfdata label is empty");
        }
        uom = uom == null ? "" : uom;
        warn = warn == null ? "" : warn;
        crit = crit == null ? "" : crit;
    }

    /** A datum with no thresholds. */
    public static Perfdata of(String label, double value, String uom) {
        return new Perfdata(label, value, uom, "", "", null, null);
    }

    /** A datum with thresholds, min and max. */
    public static Perfdata of(String label, double value, String uom, Thresholds t, Double min, Double max) {
        return new Perfdata(label, value, uom, t.warningText(), t.criticalText(), min, max);
    }

    /** The same datum under {@code prefix.label}. */
    public Perfdata prefixed(String prefix) {
        return new Perfdata(prefix + "." + label, value, uom, warn, crit, min, max);
    }

    /** The guidelines' text form; the label is quoted, a quote in it doubled. */
    public String format() {
        StringBuilder sb = new StringBuilder();
        sb.append('\'').append(label.replace("'", "''")).append("'=")
                .append(value == null ? "U" : number(value)).append(value == null ? "" : uom)
                .append(';').append(warn).append(';').append(crit)
                .append(';').append(min == null ? "" : number(min))
                .append(';').append(max == null ? "" : number(max));
        String s = sb.toString();
        while (s.endsWith(";")) {
            s = s.substring(0, s.length() - 1);
        }
        return s;
    }

    @Override
    public String toString() {
        return format();
    }

    /** A number without exponent or trailing zeros ({@code 12.5}, {@code 3}). */
    public static String number(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return "U";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return new BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
    }

    /**
     * Parses a plugin's performance data (the part after {@code |}).
     *
     * @throws IllegalArgumentException naming the item that is not {@code 'label'=value[UOM];warn;crit;min;max}
     */
    public static List<Perfdata> parseAll(String text) {
        List<Perfdata> out = new ArrayList<>();
        String s = text == null ? "" : text.strip();
        int pos = 0;
        Matcher m = ITEM.matcher(s);
        while (pos < s.length()) {
            if (!m.find(pos) || m.start() != pos) {
                throw new IllegalArgumentException("malformed perfdata at '" + excerpt(s.substring(pos)) + "'");
            }
            out.add(item(m));
            pos = m.end();
            while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
                pos++;
            }
            if (pos < s.length() && m.end() == pos) {
                throw new IllegalArgumentException("malformed perfdata at '" + excerpt(s.substring(pos)) + "'");
            }
        }
        return out;
    }

    private static Perfdata item(Matcher m) {
        String rawLabel = m.group(1);
        String label = rawLabel.startsWith("'") ? rawLabel.substring(1, rawLabel.length() - 1).replace("''", "'") : rawLabel;
        String rawValue = m.group(2);
        Double value;
        String uom = "";
        if (rawValue.equals("U")) {
            value = null;
        } else {
            Matcher v = VALUE.matcher(rawValue);
            if (!v.matches()) {
                throw new IllegalArgumentException("perfdata '" + label + "': '" + rawValue + "' is not a number with a unit");
            }
            value = Double.parseDouble(v.group(1));
            uom = v.group(2);
        }
        return new Perfdata(label, value, uom, range(m.group(3), label), range(m.group(4), label),
                optionalNumber(m.group(5), label), optionalNumber(m.group(6), label));
    }

    private static String range(String s, String label) {
        if (s == null || s.isEmpty()) {
            return "";
        }
        try {
            Range.parse(s);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("perfdata '" + label + "': " + e.getMessage());
        }
        return s;
    }

    private static Double optionalNumber(String s, String label) {
        if (s == null || s.isEmpty()) {
            return null;
        }
        Matcher v = VALUE.matcher(s);
        if (!v.matches()) {
            throw new IllegalArgumentException("perfdata '" + label + "': '" + s + "' is not a number");
        }
        return Double.parseDouble(v.group(1));
    }

    private static String excerpt(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
