package io.perfect21.p21mon.metrics;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small PromQL parser: a lexer and a recursive-descent check of the expression grammar, enough to tell a well-formed
 * expression from a broken one and to list the metric names it selects, without a Prometheus at hand. It checks
 * balanced parentheses, braces and brackets; identifiers, numbers (also hex, {@code Inf}, {@code NaN}), strings in all
 * three quotes; label matchers ({@code = != =~ !~}); range and subquery durations; {@code offset} and {@code @};
 * binary operators with {@code bool}, {@code on/ignoring} and {@code group_left/group_right}; aggregations with
 * {@code by/without} before or after their arguments; and that every function and aggregation is one PromQL has. It
 * does not type-check (a range vector where an instant vector belongs passes) and does not compile regular
 * expressions; a real Prometheus does that (the dashboards' integration test sends every expression to one).
 *
 * <pre>{@code
 * Promql.metricNames("sum by (mode) (rate(p21_host_cpu_seconds_total[5m]))"); // [p21_host_cpu_seconds_total]
 * }</pre>
 */
public final class Promql {
    /** An expression that does not parse: what was wrong and where (0-based character offset). */
    public static final class SyntaxError extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int position;

        SyntaxError(String message, int position) {
            super(message + " at column " + (position + 1));
            this.position = position;
        }

        public int position() {
            return position;
        }
    }

    static final Set<String> AGGREGATIONS = Set.of("sum", "min", "max", "avg", "group", "stddev", "stdvar", "count",
            "count_values", "bottomk", "topk", "quantile", "limitk", "limit_ratio");

    static final Set<String> FUNCTIONS = Set.of("abs", "absent", "absent_over_time", "acos", "acosh", "asin", "asinh",
            "atan", "atanh", "avg_over_time", "ceil", "changes", "clamp", "clamp_max", "clamp_min", "cos", "cosh",
            "count_over_time", "days_in_month", "day_of_month", "day_of_week", "day_of_year", "deg", "delta", "deriv",
            "double_exponential_smoothing", "exp", "floor", "histogram_avg", "histogram_count", "histogram_fraction",
            "histogram_quantile", "histogram_stddev", "histogram_stdvar", "histogram_sum", "holt_winters", "hour",
            "idelta", "increase", "info", "irate", "label_join", "label_replace", "last_over_time", "ln", "log10",
            "log2", "mad_over_time", "max_over_time", "min_over_time", "minute", "month", "pi", "predict_linear",
            "present_over_time", "quantile_over_time", "rad", "rate", "resets", "round", "scalar", "sgn", "sin", "sinh",
            "sort", "sort_by_label", "sort_by_label_desc", "sort_desc", "sqrt", "stddev_over_time", "stdvar_over_time",
            "sum_over_time", "tan", "tanh", "time", "timestamp", "vector", "year");

    private static final Set<String> WORD_OPERATORS = Set.of("and", "or", "unless", "atan2");
    private static final Set<String> SYMBOL_OPERATORS = Set.of("+", "-", "*", "/", "%", "^", "==", "!=", "<=", ">=",
            "<", ">");
    private static final Pattern DURATION = Pattern.compile("(\\d+(ms|y|w|d|h|m|s))+");
    /** Grafana's interval variables, which stand where a duration goes; replaced by a duration before parsing. */
    private static final Pattern GRAFANA_INTERVAL = Pattern.compile(
            "\\$__(rate_interval|interval|range)(_ms|_s)?\\b|\\$\\{__(rate_interval|interval|range)(_ms|_s)?}");

    private enum Kind { IDENT, NUMBER, DURATION, STRING, OP, PUNCT, END }

    private record Token(Kind kind, String text, int pos) {
    }

    private final List<Token> tokens;
    private final Set<String> names = new LinkedHashSet<>();
    private int i;

    private Promql(String expr) {
        this.tokens = lex(expr);
    }

    /** The metric names an expression selects, in order of appearance; throws {@link SyntaxError} when it does not parse. */
    public static List<String> metricNames(String expr) {
        Promql p = new Promql(expr);
        p.parseAll();
        return List.copyOf(p.names);
    }

    /** Checks the expression; throws {@link SyntaxError} naming the problem and its column. */
    public static void check(String expr) {
        metricNames(expr);
    }

    /** What is wrong with the expression, or null when it parses. */
    public static String problem(String expr) {
        try {
            check(expr);
            return null;
        } catch (SyntaxError e) {
            return e.getMessage();
        }
    }

    /**
     * The names an expression selects that p21mon does not export ({@link MetricNames}) and that are not in
     * {@code alsoKnown} (recording rules, Prometheus's own series); throws {@link SyntaxError} when it does not parse.
     */
    public static Set<String> unknownNames(String expr, Set<String> alsoKnown) {
        Set<String> unknown = new LinkedHashSet<>();
        for (String name : metricNames(expr)) {
            if (!MetricNames.all().knows(name) && !alsoKnown.contains(name)) {
                unknown.add(name);
            }
        }
        return unknown;
    }

    /**
     * The expression with Grafana's interval variables ({@code $__rate_interval}, {@code $__interval},
     * {@code $__range} and their {@code _s}/{@code _ms} forms) replaced by the given duration in seconds, as Grafana
     * does before it sends a query. Other variables ({@code $job}) are left alone: they belong inside strings.
     */
    public static String withIntervals(String expr, long seconds) {
        Matcher m = GRAFANA_INTERVAL.matcher(expr);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String suffix = m.group(2) != null ? m.group(2) : m.group(4);
            String value = suffix == null ? seconds + "s" : suffix.equals("_s") ? Long.toString(seconds)
                    : Long.toString(seconds * 1000);
            m.appendReplacement(sb, Matcher.quoteReplacement(value));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    // ---------------------------------------------------------------------------------------------------- lexer

    private static List<Token> lex(String s) {
        List<Token> out = new ArrayList<>();
        int n = s.length();
        int p = 0;
        while (p < n) {
            char c = s.charAt(p);
            if (Character.isWhitespace(c)) {
                p++;
            } else if (c == '#') { // a comment runs to the end of the line
                while (p < n && s.charAt(p) != '\n') {
                    p++;
                }
            } else if (Character.isLetter(c) || c == '_'
                    || (c == ':' && p + 1 < n && (Character.isLetter(s.charAt(p + 1)) || s.charAt(p + 1) == '_'))) {
                int start = p;
                while (p < n && (Character.isLetterOrDigit(s.charAt(p)) || s.charAt(p) == '_' || s.charAt(p) == ':')) {
                    p++;
                }
                out.add(new Token(Kind.IDENT, s.substring(start, p), start));
            } else if (Character.isDigit(c) || (c == '.' && p + 1 < n && Character.isDigit(s.charAt(p + 1)))) {
                int start = p;
                if (c == '0' && p + 1 < n && (s.charAt(p + 1) == 'x' || s.charAt(p + 1) == 'X')) {
                    p += 2;
                    while (p < n && Character.digit(s.charAt(p), 16) >= 0) {
                        p++;
                    }
                    out.add(new Token(Kind.NUMBER, s.substring(start, p), start));
                    continue;
                }
                while (p < n && (Character.isLetterOrDigit(s.charAt(p)) || s.charAt(p) == '.' || s.charAt(p) == '_'
                        || ((s.charAt(p) == '+' || s.charAt(p) == '-') && (s.charAt(p - 1) == 'e' || s.charAt(p - 1) == 'E')))) {
                    p++;
                }
                String text = s.substring(start, p);
                if (DURATION.matcher(text).matches()) {
                    out.add(new Token(Kind.DURATION, text, start));
                } else if (text.matches("(\\d[\\d_]*)?(\\.\\d*)?([eE][+-]?\\d+)?")) {
                    out.add(new Token(Kind.NUMBER, text, start));
                } else {
                    throw new SyntaxError("bad number or duration '" + text + "'", start);
                }
            } else if (c == '"' || c == '\'' || c == '`') {
                int start = p++;
                while (p < n && s.charAt(p) != c) {
                    if (s.charAt(p) == '\\' && c != '`') {
                        p++;
                    }
                    if (p < n && s.charAt(p) == '\n' && c != '`') {
                        throw new SyntaxError("unterminated string", start);
                    }
                    p++;
                }
                if (p >= n) {
                    throw new SyntaxError("unterminated string", start);
                }
                p++;
                out.add(new Token(Kind.STRING, s.substring(start + 1, p - 1), start));
            } else if ("(){}[],@".indexOf(c) >= 0) {
                out.add(new Token(Kind.PUNCT, String.valueOf(c), p++));
            } else if (c == ':') {
                out.add(new Token(Kind.PUNCT, ":", p++));
            } else {
                String two = p + 1 < n ? s.substring(p, p + 2) : "";
                if (Set.of("==", "!=", "<=", ">=", "=~", "!~").contains(two)) {
                    out.add(new Token(Kind.OP, two, p));
                    p += 2;
                } else if ("+-*/%^<>=".indexOf(c) >= 0) {
                    out.add(new Token(Kind.OP, String.valueOf(c), p++));
                } else if (c == '$') {
                    throw new SyntaxError("Grafana variable outside a string (only $__rate_interval, $__interval and "
                            + "$__range may stand for a duration)", p);
                } else {
                    throw new SyntaxError("unexpected character '" + c + "'", p);
                }
            }
        }
        out.add(new Token(Kind.END, "", n));
        return out;
    }

    // --------------------------------------------------------------------------------------------------- parser

    private Token peek() {
        return tokens.get(i);
    }

    private Token peek(int ahead) {
        return tokens.get(Math.min(i + ahead, tokens.size() - 1));
    }

    private Token next() {
        return tokens.get(i++);
    }

    private boolean at(String text) {
        Token t = peek();
        return t.kind != Kind.STRING && t.kind != Kind.END && t.text.equals(text);
    }

    private boolean atWord(String word) {
        return peek().kind == Kind.IDENT && peek().text.equalsIgnoreCase(word);
    }

    private Token expect(String text) {
        if (!at(text)) {
            throw new SyntaxError("expected '" + text + "' but found " + describe(peek()), peek().pos);
        }
        return next();
    }

    private static String describe(Token t) {
        return switch (t.kind) {
            case END -> "the end of the expression";
            case STRING -> "a string";
            default -> "'" + t.text + "'";
        };
    }

    private void parseAll() {
        if (peek().kind == Kind.END) {
            throw new SyntaxError("empty expression", 0);
        }
        expr();
        if (peek().kind != Kind.END) {
            throw new SyntaxError("unexpected " + describe(peek()), peek().pos);
        }
    }

    private void expr() {
        unary();
        while (binaryOperatorAhead()) {
            next();
            if (atWord("bool")) {
                next();
            }
            if (atWord("on") || atWord("ignoring")) {
                next();
                labelList();
            }
            if (atWord("group_left") || atWord("group_right")) {
                next();
                if (at("(")) {
                    labelList();
                }
            }
            unary();
        }
    }

    private boolean binaryOperatorAhead() {
        Token t = peek();
        return (t.kind == Kind.OP && SYMBOL_OPERATORS.contains(t.text))
                || (t.kind == Kind.IDENT && WORD_OPERATORS.contains(t.text.toLowerCase(Locale.ROOT)));
    }

    private void unary() {
        if (peek().kind == Kind.OP && (at("+") || at("-"))) {
            next();
            unary();
            return;
        }
        primary();
        postfix();
    }

    private void postfix() {
        while (true) {
            if (at("[")) {
                next();
                duration();
                if (at(":")) {
                    next();
                    if (!at("]")) {
                        duration();
                    }
                }
                expect("]");
            } else if (atWord("offset")) {
                next();
                if (at("-")) {
                    next();
                }
                duration();
            } else if (at("@")) {
                next();
                if (atWord("start") || atWord("end")) {
                    next();
                    expect("(");
                    expect(")");
                } else if (peek().kind == Kind.NUMBER) {
                    next();
                } else {
                    throw new SyntaxError("expected a timestamp, start() or end() after @", peek().pos);
                }
            } else {
                return;
            }
        }
    }

    private void duration() {
        Token t = peek();
        if (t.kind == Kind.DURATION || t.kind == Kind.NUMBER) {
            next();
            return;
        }
        throw new SyntaxError("expected a duration (like 5m) but found " + describe(t), t.pos);
    }

    private void primary() {
        Token t = peek();
        switch (t.kind) {
            case NUMBER, STRING -> next();
            case PUNCT -> {
                if (at("(")) {
                    next();
                    expr();
                    expect(")");
                } else if (at("{")) {
                    selectorBraces(null);
                } else {
                    throw new SyntaxError("unexpected " + describe(t), t.pos);
                }
            }
            case IDENT -> identifier();
            case END -> throw new SyntaxError("the expression ends too early", t.pos);
            default -> throw new SyntaxError("unexpected " + describe(t), t.pos);
        }
    }

    private void identifier() {
        Token t = next();
        String word = t.text;
        String lower = word.toLowerCase(Locale.ROOT);
        if (AGGREGATIONS.contains(lower) && (at("(") || atWord("by") || atWord("without"))) {
            grouping();
            arguments();
            grouping();
        } else if (at("(")) {
            if (!FUNCTIONS.contains(word)) {
                throw new SyntaxError("unknown function '" + word + "'", t.pos);
            }
            arguments();
        } else if (lower.equals("inf") || lower.equals("nan")) {
            return; // a number
        } else if (WORD_OPERATORS.contains(lower) || Set.of("by", "without", "on", "ignoring", "group_left",
                "group_right", "bool", "offset").contains(lower)) {
            throw new SyntaxError("unexpected keyword '" + word + "'", t.pos);
        } else {
            names.add(word);
            if (at("{")) {
                selectorBraces(word);
            }
        }
    }

    private void grouping() {
        if (atWord("by") || atWord("without")) {
            next();
            labelList();
        }
    }

    private void arguments() {
        expect("(");
        if (!at(")")) {
            expr();
            while (at(",")) {
                next();
                expr();
            }
        }
        expect(")");
    }

    private void labelList() {
        expect("(");
        while (!at(")")) {
            Token t = next();
            if (t.kind != Kind.IDENT && t.kind != Kind.STRING) {
                throw new SyntaxError("expected a label name but found " + describe(t), t.pos);
            }
            if (at(",")) {
                next();
            } else if (!at(")")) {
                throw new SyntaxError("expected ',' or ')' but found " + describe(peek()), peek().pos);
            }
        }
        expect(")");
    }

    private void selectorBraces(String metric) {
        Token open = expect("{");
        boolean any = metric != null;
        while (!at("}")) {
            Token label = next();
            if (label.kind == Kind.STRING && (at(",") || at("}"))) { // {"metric.name"} (Prometheus 3)
                names.add(label.text);
                any = true;
            } else {
                if (label.kind != Kind.IDENT) {
                    throw new SyntaxError("expected a label name but found " + describe(label), label.pos);
                }
                Token op = next();
                if (op.kind != Kind.OP || !Set.of("=", "!=", "=~", "!~").contains(op.text)) {
                    throw new SyntaxError("expected a label matcher operator (=, !=, =~, !~) but found " + describe(op), op.pos);
                }
                Token value = next();
                if (value.kind != Kind.STRING) {
                    throw new SyntaxError("expected a quoted label value but found " + describe(value), value.pos);
                }
                if (label.text.equals("__name__") && op.text.equals("=")) {
                    names.add(value.text);
                }
                any = true;
            }
            if (at(",")) {
                next();
            } else if (!at("}")) {
                throw new SyntaxError("expected ',' or '}' but found " + describe(peek()), peek().pos);
            }
        }
        expect("}");
        if (!any) {
            throw new SyntaxError("a vector selector needs a metric name or a label matcher", open.pos);
        }
    }
}
