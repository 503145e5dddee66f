package io.perfect21.p21mon.dashboards;

import java.util.ArrayList;
import java.util.List;

/** A line diff (longest common subsequence) printed as unified-diff hunks: {@code -} old, {@code +} new, context. */
final class LineDiff {
    private LineDiff() {
    }

    /** The changed lines with {@code context} lines around each change, hunks headed {@code @@ -a +b @@}; empty if equal. */
    static List<String> unified(List<String> a, List<String> b, int context) {
        int n = a.size();
        int m = b.size();
        int[][] lcs = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                lcs[i][j] = a.get(i).equals(b.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        // the edit script: ' ' same, '-' only in a, '+' only in b, with the line numbers (1-based) in a and b
        record Op(char kind, String line, int aLine, int bLine) {
        }
        List<Op> ops = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < n || j < m) {
            if (i < n && j < m && a.get(i).equals(b.get(j))) {
                ops.add(new Op(' ', a.get(i), ++i, ++j));
            } else if (j < m && (i == n || lcs[i][j + 1] >= lcs[i + 1][j])) {
                ops.add(new Op('+', b.get(j), i, ++j));
            } else {
                ops.add(new Op('-', a.get(i), ++i, j));
            }
        }
        List<String> out = new ArrayList<>();
        int k = 0;
        while (k < ops.size()) {
            if (ops.get(k).kind() == ' ') {
                k++;
                continue;
            }
            int start = Math.max(0, k - context);
            int end = k;
            // extend the hunk while the next change is within 2 * context lines
            int last = k;
            for (int x = k; x < ops.size(); x++) {
                if (ops.get(x).kind() != ' ') {
                    last = x;
                } else if (x - last > 2 * context) {
                    break;
                }
            }
            end = Math.min(ops.size(), last + context + 1);
            Op first = ops.get(start);
            out.add("@@ -" + Math.max(1, first.aLine()) + " +" + Math.max(1, first.bLine()) + " @@");
            for (int x = start; x < end; x++) {
                out.add(ops.get(x).kind() + ops.get(x).line());
            }
            k = end;
        }
        return out;
    }
}
