package io.perfect21.p21mon.cli.render;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A plain aligned text table: a header row and data rows, columns padded to their widest cell. Cells of the columns
 * named in {@link #statusColumn} are coloured as statuses when the style has colour.
 *
 * <pre>{@code
 * Table.of("NAME", "STATUS").row("db", "healthy").statusColumn(1).print(out, style);
 * }</pre>
 */
public final class Table {
    private final List<String> headers;
    private final List<List<String>> rows = new ArrayList<>();
    private int statusColumn = -1;

    private Table(List<String> headers) {
        this.headers = headers;
    }

    public static Table of(String... headers) {
        return new Table(List.of(headers));
    }

    /** Adds a row; missing cells are blank, nulls print as {@code -}. */
    public Table row(Object... cells) {
        List<String> r = new ArrayList<>();
        for (Object c : Arrays.asList(cells)) {
            r.add(c == null ? "-" : String.valueOf(c));
        }
        rows.add(r);
        return this;
    }

    /** Colours the cells of this column (0-based) as status words. */
    public Table statusColumn(int column) {
        this.statusColumn = column;
        return this;
    }

    public int size() {
        return rows.size();
    }

    public void print(PrintWriter out, Style style) {
        int[] widths = new int[headers.size()];
        for (int i = 0; i < headers.size(); i++) {
            widths[i] = headers.get(i).length();
        }
        for (List<String> r : rows) {
            for (int i = 0; i < Math.min(r.size(), widths.length); i++) {
                widths[i] = Math.max(widths[i], firstLine(r.get(i)).length());
            }
        }
        printRow(out, headers, widths, style, true);
        for (List<String> r : rows) {
            printRow(out, r, widths, style, false);
        }
    }

    private void printRow(PrintWriter out, List<String> cells, int[] widths, Style style, boolean header) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < widths.length; i++) {
            String cell = i < cells.size() ? firstLine(cells.get(i)) : "";
            boolean last = i == widths.length - 1;
            String padded = last ? cell : cell + " ".repeat(widths[i] - cell.length());
            if (header) {
                padded = style.bold(padded);
            } else if (i == statusColumn) {
                padded = style.status(cell) + (last ? "" : " ".repeat(widths[i] - cell.length()));
            }
            sb.append(padded);
            if (!last) {
                sb.append("  ");
            }
        }
        out.println(sb.toString().stripTrailing());
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
