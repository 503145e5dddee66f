package io.perfect21.p21mon.metrics;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * The metric names a PromQL expression reads, found by a small lexer (not a full parser): it skips strings, label
 * matchers ({@code {...}}), range and subquery brackets ({@code [5m:1m]}), numbers, durations, keywords, function
 * names (an identifier followed by {@code (}) and the label lists of {@code by}, {@code without}, {@code on},
 * {@code ignoring}, {@code group_left} and {@code group_right}. It also finds the gross syntax errors: unbalanced
 * brackets, unterminated strings, an empty expression. Alert rules and dashboards check their expressions with it.
 *
 * <pre>{@code
 * PromqlNames.of("sum by (job) (rate(p21_api_requests_total{status=~\"5..\"}[5m]))"); // [p21_api_requests_total]
 * PromqlNames.unknown("up == 0 or foo_total", Set.of("up"));                         // [foo_total]
 * }</pre>
 */
public final class PromqlNames {
    private static final Set<String> KEYWORDS = Set.of(
            // aggregation operators
            "sum", "min", "max", "avg", "group", "stddev", "stdvar", "count", "count_values", "bottomk", "topk",
            "quantile", "limitk", "limit_ratio",
            // binary operators and modifiers
            "and", "or", "unless", "atan2", "bool", "offset", "by", "without", "on", "ignoring", "group_left",
            "group_right", "start", "end",
            // literals
            "inf", "nan");
    private static final Set<String> LABEL_LIST_KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left",
            "group_right");

    private PromqlNames() {
    }

    /**
     * The metric names the expression reads, in order of first use.
     *
     * @throws IllegalArgumentException naming the position of a syntax error the lexer finds
     */
    public static Set<String> of(String expr) {
        if (expr == null || expr.isBlank()) {
            throw new IllegalArgumentException("empty expression");
        }
        Set<String> names = new LinkedHashSet<>();
        Deque<Character> open = new ArrayDeque<>();
        Deque<Integer> openAt = new ArrayDeque<>();
        int n = expr.length();
        int i = 0;
        while (i < n) {
            char c = expr.charAt(i);
            if (c == '#') {
                // a comment runs to the end of the line
                while (i < n && expr.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '"' || c == '\'' || c == '`') {
                i = skipString(expr, i);
            } else if (c == '{') {
                i = skipMatchers(expr, i);
            } else if (c == '[') {
                int close = expr.indexOf(']', i);
                if (close < 0) {
                    throw new IllegalArgumentException("unclosed '[' at column " + (i + 1));
                }
                i = close + 1;
            } else if (c == '(') {
                open.push(c);
                openAt.push(i);
                i++;
            } else if (c == ')') {
                if (open.isEmpty()) {
                    throw new IllegalArgumentException("unexpected ')' at column " + (i + 1));
                }
                open.pop();
                openAt.pop();
                i++;
            } else if (c == '}' || c == ']') {
                throw new IllegalArgumentException("unexpected '" + c + "' at column " + (i + 1));
            } else if (Character.isDigit(c) || (c == '.' && i + 1 < n && Character.isDigit(expr.charAt(i + 1)))) {
                // numbers, 1e3, 0x1f, and durations such as 5m after offset
                i++;
                while (i < n && (Character.isLetterOrDigit(expr.charAt(i)) || expr.charAt(i) == '.'
                        || ((expr.charAt(i) == '+' || expr.charAt(i) == '-') && (expr.charAt(i - 1) == 'e' || expr.charAt(i - 1) == 'E')))) {
                    i++;
                }
            } else if (isIdentStart(c)) {
                int start = i;
                while (i < n && isIdentPart(expr.charAt(i))) {
                    i++;
                }
                String word = expr.substring(start, i);
                int next = skipSpace(expr, i);
                String lower = word.toLowerCase(java.util.Locale.ROOT);
                if (LABEL_LIST_KEYWORDS.contains(lower)) {
                    if (next < n && expr.charAt(next) == '(') {
                        int close = expr.indexOf(')', next);
                        if (close < 0) {
                            throw new IllegalArgumentException("unclosed '(' after " + word + " at column " + (next + 1));
                        }
                        i = close + 1;
                    }
                } else if (KEYWORDS.contains(lower)) {
                    // an operator or literal
                } else if (next < n && expr.charAt(next) == '(') {
                    // a function call
                } else if (start > 0 && expr.charAt(start - 1) == '@') {
                    // never a name after @
                } else {
                    names.add(word);
                }
            } else {
                i++;
            }
        }
        if (!open.isEmpty()) {
            throw new IllegalArgumentException("unclosed '(' at column " + (openAt.peek() + 1));
        }
        return names;
    }

    /** The syntax problem the lexer finds, or null when it finds none. */
    public static String problem(String expr) {
        try {
            of(expr);
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    /**
     * The names the expression reads that p21mon does not export ({@link MetricNames#all()}) and that are not in
     * {@code alsoKnown} (recording rules' names, Prometheus's own series such as {@code up}), sorted.
     *
     * @throws IllegalArgumentException on a syntax error, as {@link #of}
     */
    public static Set<String> unknown(String expr, Set<String> alsoKnown) {
        Set<String> out = new TreeSet<>();
        for (String name : of(expr)) {
            if (!MetricNames.all().knows(name) && !alsoKnown.contains(name)) {
                out.add(name);
            }
        }
        return out;
    }

    private static int skipString(String expr, int i) {
        char quote = expr.charAt(i);
        int j = i + 1;
        while (j < expr.length()) {
            char c = expr.charAt(j);
            if (c == '\\' && quote != '`') {
                j += 2;
                continue;
            }
            if (c == quote) {
                return j + 1;
            }
            j++;
        }
        throw new IllegalArgumentException("unterminated string starting at column " + (i + 1));
    }

    /** Skips {@code {...}}: label matchers, whose values are strings that may hold braces. */
    private static int skipMatchers(String expr, int i) {
        int j = i + 1;
        while (j < expr.length()) {
            char c = expr.charAt(j);
            if (c == '"' || c == '\'' || c == '`') {
                j = skipString(expr, j);
            } else if (c == '}') {
                return j + 1;
            } else if (c == '{' || c == '(' || c == '[') {
                throw new IllegalArgumentException("unexpected '" + c + "' in label matchers at column " + (j + 1));
            } else {
                j++;
            }
        }
        throw new IllegalArgumentException("unclosed '{' at column " + (i + 1));
    }

    private static int skipSpace(String expr, int i) {
        while (i < expr.length() && Character.isWhitespace(expr.charAt(i))) {
            i++;
        }
        return i;
    }

    private static boolean isIdentStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':';
    }

    private static boolean isIdentPart(char c) {
        return isIdentStart(c) || (c >= '0' && c <= '9');
    }
}
