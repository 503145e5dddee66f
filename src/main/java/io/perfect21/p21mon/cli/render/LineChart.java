package io.perfect21.p21mon.cli.render;

import io.perfect21.p21mon.client.QueryResult;

import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A terminal line chart of a range query: one line per series, a y axis with values, an x axis with UTC times, and a
 * legend naming each series' labels. With colour (a terminal) series are coloured dots; without, each series has its
 * own plain ASCII mark ({@code * + o x # @ % &}), so the chart survives a pipe or a log file.
 */
public final class LineChart {
    private static final char[] MARKS = {'*', '+', 'o', 'x', '#', '@', '%', '&'};
    private static final String[] COLOURS = {"\u001b[32m", "\u001b[33m", "\u001b[36m", "\u001b[35m", "\u001b[34m",
        "\u001b[31m", "\u001b[92m", "\u001b[93m"};
    private static final String RESET = "\u001b[0m";
    private static final int MAX_SERIES = 8;

    private LineChart() {
    }

    /** Draws the chart {@code width} columns wide (the plot area is narrower by the y labels) and {@code height} rows. */
    public static void draw(QueryResult result, int width, int height, Style style, PrintWriter out) {
        List<QueryResult.Series> series = result.series().stream().filter(s -> !s.points().isEmpty()).toList();
        if (series.isEmpty()) {
            out.println("(no data)");
            return;
        }
        double minT = Double.MAX_VALUE;
        double maxT = -Double.MAX_VALUE;
        double minV = Double.MAX_VALUE;
        double maxV = -Double.MAX_VALUE;
        for (QueryResult.Series s : series) {
            for (QueryResult.Point p : s.points()) {
                minT = Math.min(minT, p.timestamp());
                maxT = Math.max(maxT, p.timestamp());
                double v = p.number();
                if (Double.isFinite(v)) {
                    minV = Math.min(minV, v);
                    maxV = Math.max(maxV, v);
                }
            }
        }
        if (minV == Double.MAX_VALUE) {
            out.println("(no finite values to draw)");
            return;
        }
        if (maxV == minV) {
            double pad = minV == 0 ? 1 : Math.abs(minV) * 0.1;
            minV -= pad;
            maxV += pad;
        }
        String[] yLabels = new String[height];
        int labelWidth = 0;
        for (int row = 0; row < height; row++) {
            yLabels[row] = (row == 0 || row == height - 1 || row == height / 2)
                    ? number(maxV - (maxV - minV) * row / (height - 1)) : "";
            labelWidth = Math.max(labelWidth, yLabels[row].length());
        }
        int plotWidth = Math.max(10, width - labelWidth - 2);
        int[][] owner = new int[height][plotWidth];
        for (int[] r : owner) {
            java.util.Arrays.fill(r, -1);
        }
        int shown = Math.min(series.size(), MAX_SERIES);
        for (int i = 0; i < shown; i++) {
            int prevX = -1;
            int prevY = -1;
            for (QueryResult.Point p : series.get(i).points()) {
                double v = p.number();
                if (!Double.isFinite(v)) {
                    prevX = -1;
                    continue;
                }
                int x = maxT == minT ? 0 : (int) Math.round((p.timestamp() - minT) / (maxT - minT) * (plotWidth - 1));
                int y = (int) Math.round((maxV - v) / (maxV - minV) * (height - 1));
                if (prevX >= 0) {
                    line(owner, prevX, prevY, x, y, i);
                } else {
                    owner[y][x] = i;
                }
                prevX = x;
                prevY = y;
            }
        }
        for (int row = 0; row < height; row++) {
            StringBuilder sb = new StringBuilder();
            sb.append(" ".repeat(labelWidth - yLabels[row].length())).append(yLabels[row]).append(" |");
            for (int col = 0; col < plotWidth; col++) {
                int o = owner[row][col];
                if (o < 0) {
                    sb.append(' ');
                } else if (style.color()) {
                    sb.append(COLOURS[o]).append('\u2022').append(RESET);
                } else {
                    sb.append(MARKS[o]);
                }
            }
            out.println(sb.toString().stripTrailing());
        }
        out.println(" ".repeat(labelWidth) + " +" + "-".repeat(plotWidth));
        String left = time(minT);
        String right = time(maxT);
        int gap = Math.max(1, plotWidth - left.length() - right.length());
        out.println(" ".repeat(labelWidth + 2) + left + " ".repeat(gap) + right + "  (UTC)");
        out.println();
        for (int i = 0; i < shown; i++) {
            String mark = style.color() ? COLOURS[i] + '\u2022' + RESET : String.valueOf(MARKS[i]);
            String name = series.get(i).display();
            out.println("  " + mark + " " + (name.equals("{}") ? result.query() : name));
        }
        if (series.size() > shown) {
            out.println("  (" + (series.size() - shown) + " more series not drawn; narrow the query)");
        }
    }

    /** Marks the cells between two points (Bresenham), so a line stays connected across steep changes. */
    private static void line(int[][] owner, int x0, int y0, int x1, int y1, int series) {
        int dx = Math.abs(x1 - x0);
        int dy = -Math.abs(y1 - y0);
        int sx = x0 < x1 ? 1 : -1;
        int sy = y0 < y1 ? 1 : -1;
        int err = dx + dy;
        List<int[]> cells = new ArrayList<>();
        while (true) {
            cells.add(new int[] {x0, y0});
            if (x0 == x1 && y0 == y1) {
                break;
            }
            int e2 = 2 * err;
            if (e2 >= dy) {
                err += dy;
                x0 += sx;
            }
            if (e2 <= dx) {
                err += dx;
                y0 += sy;
            }
        }
        for (int[] c : cells) {
            owner[c[1]][c[0]] = series;
        }
    }

    static String number(double v) {
        double a = Math.abs(v);
        if (a >= 1e9) {
            return String.format(Locale.ROOT, "%.2fG", v / 1e9);
        }
        if (a >= 1e6) {
            return String.format(Locale.ROOT, "%.2fM", v / 1e6);
        }
        if (a >= 1e4) {
            return String.format(Locale.ROOT, "%.1fk", v / 1e3);
        }
        if (a >= 100 || v == Math.rint(v)) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        return String.format(Locale.ROOT, a >= 1 ? "%.2f" : "%.3g", v);
    }

    private static String time(double epochSeconds) {
        return DateTimeFormatter.ofPattern("MM-dd HH:mm:ss").withZone(ZoneOffset.UTC)
                .format(Instant.ofEpochMilli(Math.round(epochSeconds * 1000)));
    }
}
