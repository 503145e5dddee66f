package io.perfect21.p21mon.dashboards;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A LogQL grammar check (Loki's query language, as its {@code pkg/logql/syntax} grammar defines it), for the Loki
 * targets of a dashboard: a stream selector {@code {app="api"}} with matchers {@code = != =~ !~}; line filters
 * {@code |= != |~ !~ |> !>} with {@code or} and {@code ip("…")}; the stages {@code json}, {@code logfmt} (with
 * {@code --strict}, {@code --keep-empty}), {@code regexp}, {@code pattern}, {@code unpack}, {@code line_format},
 * {@code label_format}, {@code decolorize}, {@code drop}, {@code keep} and label filters (strings, numbers, durations,
 * bytes, {@code and}/{@code or}/{@code ,}); range aggregations over {@code [range]} with {@code offset} and
 * {@code unwrap} (required by the {@code *_over_time} that need a value, refused by those that count); vector
 * aggregations with {@code by}/{@code without}; binary operators with {@code bool}, {@code on}/{@code ignoring} and
 * {@code group_left}/{@code group_right}; {@code label_replace} and {@code vector}. It does not compile regular
 * expressions or templates.
 *
 * <pre>{@code
 * Logql.check("sum by (level) (count_over_time({app=\"api\"} |= \"error\" | json [5m]))");
 * }</pre>
 */
public final class Logql {
    /** A query that does not parse: what was wrong and where (the column is 1-based). */
    public static final class SyntaxError extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SyntaxError(String message, int position) {
            super(message + " at column " + (position + 1));
        }
    }

    private static final Set<String> NEEDS_UNWRAP = Set.of("sum_over_time", "avg_over_time", "max_over_time",
            "min_over_time", "stddev_over_time", "stdvar_over_time", "quantile_over_time", "first_over_time",
            "last_over_time", "rate_counter");
    private static final Set<String> NO_UNWRAP = Set.of("count_over_time", "bytes_rate", "bytes_over_time",
            "absent_over_time");
    private static final Set<String> MAY_UNWRAP = Set.of("rate");
    private static final Set<String> VECTOR_OPS = Set.of("sum", "avg", "count", "max", "min", "stddev", "stdvar",
            "bottomk", "topk", "sort", "sort_desc", "approx_topk");
    private static final Set<String> WORD_OPERATORS = Set.of("or", "and", "unless");
    private static final Set<String> SYMBOL_OPERATORS = Set.of("+", "-", "*", "/", "%", "^", "==", "!=", ">", ">=",
            "<", "<=");
    private static final Set<String> LINE_FILTERS = Set.of("|=", "!=", "|~", "!~", "|>", "!>");
    private static final Set<String> MATCH_OPS = Set.of("=", "!=", "=~", "!~");
    private static final Set<String> COMPARE_OPS = Set.of("=", "!=", "==", ">", ">=", "<", "<=");
    private static final Pattern DURATION = Pattern.compile("(\\d+(\\.\\d+)?(ns|us|µs|ms|s|m|h|d|w|y))+");
    private static final Pattern BYTES = Pattern.compile("\\d+(\\.\\d+)?([KMGTPE]i?)?[Bb]");

    private enum Kind { IDENT, NUMBER, DURATION, BYTES, STRING, OP, FLAG, END }

    private record Token(Kind kind, String text, int pos) {
    }

    private final List<Token> tokens;
    private int i;

    private Logql(String query) {
        this.tokens = lex(query);
    }

    /** Checks the query; throws {@link SyntaxError} naming the problem and its column. */
    public static void check(String query) {
        Logql p = new Logql(query);
        if (p.peek().kind == Kind.END) {
            throw new SyntaxError("empty query", 0);
        }
        p.expr();
        if (p.peek().kind != Kind.END) {
            throw new SyntaxError("unexpected " + describe(p.peek()), p.peek().pos);
        }
    }

    /** What is wrong with the query, or null when it parses. */
    public static String problem(String query) {
        try {
            check(query);
            return null;
        } catch (SyntaxError e) {
            return e.getMessage();
        }
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
            } else if (c == '#') {
                while (p < n && s.charAt(p) != '\n') {
                    p++;
                }
            } else if (Character.isLetter(c) || c == '_') {
                int start = p;
                while (p < n && (Character.isLetterOrDigit(s.charAt(p)) || s.charAt(p) == '_' || s.charAt(p) == '.')) {
                    p++;
                }
                out.add(new Token(Kind.IDENT, s.substring(start, p), start));
            } else if (Character.isDigit(c) || (c == '.' && p + 1 < n && Character.isDigit(s.charAt(p + 1)))) {
                int start = p;
                while (p < n && (Character.isLetterOrDigit(s.charAt(p)) || s.charAt(p) == '.' || s.charAt(p) == 'µ'
                        || ((s.charAt(p) == '+' || s.charAt(p) == '-') && (s.charAt(p - 1) == 'e' || s.charAt(p - 1) == 'E')))) {
                    p++;
                }
                String text = s.substring(start, p);
                if (DURATION.matcher(text).matches()) {
                    out.add(new Token(Kind.DURATION, text, start));
                } else if (BYTES.matcher(text).matches()) {
                    out.add(new Token(Kind.BYTES, text, start));
                } else if (text.matches("(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?|0[xX][0-9a-fA-F]+")) {
                    out.add(new Token(Kind.NUMBER, text, start));
                } else {
                    throw new SyntaxError("bad number, duration or byte size '" + text + "'", start);
                }
            } else if (c == '"' || c == '`') {
                int start = p++;
                while (p < n && s.charAt(p) != c) {
                    if (s.charAt(p) == '\\' && c == '"') {
                        p++;
                    }
                    p++;
                }
                if (p >= n) {
                    throw new SyntaxError("unterminated string", start);
                }
                p++;
                out.add(new Token(Kind.STRING, s.substring(start + 1, p - 1), start));
            } else if (c == '-' && p + 2 < n && s.charAt(p + 1) == '-' && Character.isLetter(s.charAt(p + 2))) {
                int start = p;
                p += 2;
                while (p < n && (Character.isLetterOrDigit(s.charAt(p)) || s.charAt(p) == '-' || s.charAt(p) == '_')) {
                    p++;
                }
                out.add(new Token(Kind.FLAG, s.substring(start, p), start));
            } else {
                String two = p + 1 < n ? s.substring(p, p + 2) : "";
                if (Set.of("|=", "|~", "|>", "!>", "!=", "!~", "=~", "==", ">=", "<=").contains(two)) {
                    out.add(new Token(Kind.OP, two, p));
                    p += 2;
                } else if ("(){}[],|=<>+-*/%^".indexOf(c) >= 0) {
                    out.add(new Token(Kind.OP, String.valueOf(c), p++));
                } else if (c == '$') {
                    throw new SyntaxError("Grafana variable that names no variable of the dashboard", p);
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

    private boolean at(String op) {
        return peek().kind == Kind.OP && peek().text.equals(op);
    }

    private boolean atWord(String word) {
        return peek().kind == Kind.IDENT && peek().text.toLowerCase(Locale.ROOT).equals(word);
    }

    private Token expect(String op) {
        if (!at(op)) {
            throw new SyntaxError("expected '" + op + "' but found " + describe(peek()), peek().pos);
        }
        return next();
    }

    private Token expect(Kind kind, String what) {
        if (peek().kind != kind) {
            throw new SyntaxError("expected " + what + " but found " + describe(peek()), peek().pos);
        }
        return next();
    }

    private static String describe(Token t) {
        return switch (t.kind) {
            case END -> "the end of the query";
            case STRING -> "a string";
            default -> "'" + t.text + "'";
        };
    }

    /** A whole query: a log query on its own, or metric queries joined by binary operators. */
    private boolean expr() {
        boolean log = operand();
        while (binaryOperatorAhead()) {
            Token op = next();
            if (log) {
                throw new SyntaxError("binary operator '" + op.text + "' needs metric queries on both sides, not a log "
                        + "query (wrap it in a range aggregation such as count_over_time(…[5m]))", op.pos);
            }
            binaryModifiers();
            if (operand()) {
                throw new SyntaxError("a log query cannot be an operand of '" + op.text + "'", op.pos);
            }
        }
        return log;
    }

    private boolean binaryOperatorAhead() {
        Token t = peek();
        return (t.kind == Kind.OP && SYMBOL_OPERATORS.contains(t.text))
                || (t.kind == Kind.IDENT && WORD_OPERATORS.contains(t.text.toLowerCase(Locale.ROOT)));
    }

    private void binaryModifiers() {
        if (atWord("bool")) {
            next();
        }
        if (atWord("on") || atWord("ignoring")) {
            next();
            labelList();
            if (atWord("group_left") || atWord("group_right")) {
                next();
                if (at("(")) {
                    labelList();
                }
            }
        }
    }

    /** One operand; true when it is a log query (a selector with its pipeline). */
    private boolean operand() {
        Token t = peek();
        if (at("+") || at("-")) {
            next();
            expect(Kind.NUMBER, "a number");
            return false;
        }
        if (t.kind == Kind.NUMBER) {
            next();
            return false;
        }
        if (at("{")) {
            selector();
            pipeline();
            return true;
        }
        if (at("(")) {
            next();
            int save = i;
            boolean log;
            if (at("{")) { // ( selector pipeline ) is a log query; a metric query cannot start with '{'
                selector();
                pipeline();
                log = true;
            } else {
                i = save;
                log = expr();
            }
            expect(")");
            return log;
        }
        if (t.kind == Kind.IDENT) {
            String word = t.text.toLowerCase(Locale.ROOT);
            if (NEEDS_UNWRAP.contains(word) || NO_UNWRAP.contains(word) || MAY_UNWRAP.contains(word)) {
                rangeAggregation(next());
                return false;
            }
            if (VECTOR_OPS.contains(word)) {
                vectorAggregation();
                return false;
            }
            if (word.equals("label_replace")) {
                next();
                expect("(");
                metricArgument();
                for (int k = 0; k < 4; k++) {
                    expect(",");
                    expect(Kind.STRING, "a string");
                }
                expect(")");
                return false;
            }
            if (word.equals("vector")) {
                next();
                expect("(");
                expect(Kind.NUMBER, "a number");
                expect(")");
                return false;
            }
            throw new SyntaxError("unknown function or aggregation '" + t.text + "'", t.pos);
        }
        throw new SyntaxError(t.kind == Kind.END ? "the query ends too early" : "unexpected " + describe(t), t.pos);
    }

    private void metricArgument() {
        int at = peek().pos;
        if (expr()) {
            throw new SyntaxError("expected a metric query but found a log query (count_over_time(…[5m]) makes one)", at);
        }
    }

    private void rangeAggregation(Token op) {
        String name = op.text.toLowerCase(Locale.ROOT);
        expect("(");
        if (peek().kind == Kind.NUMBER && peek(1).kind == Kind.OP && peek(1).text.equals(",")) {
            if (!name.equals("quantile_over_time")) {
                throw new SyntaxError(op.text + " takes no parameter", peek().pos);
            }
            next();
            next();
        } else if (name.equals("quantile_over_time")) {
            throw new SyntaxError("quantile_over_time needs a quantile: quantile_over_time(0.99, …)", peek().pos);
        }
        int parens = 0;
        while (at("(")) {
            next();
            parens++;
        }
        selector();
        boolean range = false;
        boolean unwrap = false;
        while (true) {
            if (at("[")) {
                if (range) {
                    throw new SyntaxError("a second range", peek().pos);
                }
                next();
                expect(Kind.DURATION, "a duration (like 5m)");
                expect("]");
                range = true;
                if (atWord("offset")) {
                    next();
                    expect(Kind.DURATION, "a duration after offset");
                }
            } else if (at(")") && parens > 0) {
                next();
                parens--;
            } else if (at("|") && peek(1).kind == Kind.IDENT && peek(1).text.equals("unwrap")) {
                next();
                next();
                if (Set.of("bytes", "duration", "duration_seconds").contains(peek().text) && peek(1).text.equals("(")) {
                    next();
                    next();
                    expect(Kind.IDENT, "a label name");
                    expect(")");
                } else {
                    expect(Kind.IDENT, "a label name after unwrap");
                }
                unwrap = true;
            } else if (at("|") || (peek().kind == Kind.OP && LINE_FILTERS.contains(peek().text))) {
                if (unwrap) {
                    expect("|");
                    labelFilter();
                } else {
                    stage();
                }
            } else {
                break;
            }
        }
        if (parens > 0) {
            expect(")");
        }
        if (!range) {
            throw new SyntaxError(op.text + " needs a range such as [5m] after its log query", peek().pos);
        }
        if (unwrap && NO_UNWRAP.contains(name)) {
            throw new SyntaxError(op.text + " counts log lines and takes no unwrap", op.pos);
        }
        if (!unwrap && NEEDS_UNWRAP.contains(name)) {
            throw new SyntaxError(op.text + " needs a value: add | unwrap LABEL", op.pos);
        }
        expect(")");
        grouping();
    }

    private void vectorAggregation() {
        Token op = next();
        String name = op.text.toLowerCase(Locale.ROOT);
        boolean grouped = grouping();
        expect("(");
        if (Set.of("topk", "bottomk", "approx_topk").contains(name)) {
            expect(Kind.NUMBER, op.text + "'s number of series");
            expect(",");
        }
        metricArgument();
        expect(")");
        if (!grouped) {
            grouping();
        }
    }

    private boolean grouping() {
        if (atWord("by") || atWord("without")) {
            next();
            labelList();
            return true;
        }
        return false;
    }

    private void labelList() {
        expect("(");
        while (!at(")")) {
            expect(Kind.IDENT, "a label name");
            if (at(",")) {
                next();
            } else if (!at(")")) {
                throw new SyntaxError("expected ',' or ')' but found " + describe(peek()), peek().pos);
            }
        }
        expect(")");
    }

    private void selector() {
        expect("{");
        boolean any = false;
        while (!at("}")) {
            matcher();
            any = true;
            if (at(",")) {
                next();
            } else if (!at("}")) {
                throw new SyntaxError("expected ',' or '}' but found " + describe(peek()), peek().pos);
            }
        }
        Token close = expect("}");
        if (!any) {
            throw new SyntaxError("a stream selector needs at least one label matcher", close.pos);
        }
    }

    private void matcher() {
        expect(Kind.IDENT, "a label name");
        Token op = next();
        if (op.kind != Kind.OP || !MATCH_OPS.contains(op.text)) {
            throw new SyntaxError("expected a label matcher operator (=, !=, =~, !~) but found " + describe(op), op.pos);
        }
        expect(Kind.STRING, "a quoted label value");
    }

    private void pipeline() {
        while (at("|") || (peek().kind == Kind.OP && LINE_FILTERS.contains(peek().text))) {
            if (at("|") && peek(1).text.equals("unwrap")) {
                throw new SyntaxError("unwrap belongs inside a range aggregation", peek(1).pos);
            }
            stage();
        }
    }

    private void stage() {
        Token t = next();
        if (!t.text.equals("|")) { // a line filter
            lineFilterValue();
            while (atWord("or")) {
                next();
                lineFilterValue();
            }
            return;
        }
        Token word = peek();
        String w = word.kind == Kind.IDENT ? word.text : "";
        switch (w) {
            case "json" -> {
                next();
                if (peek().kind == Kind.IDENT && !atWord("or") && !atWord("and")) {
                    extractions();
                }
            }
            case "logfmt" -> {
                next();
                while (peek().kind == Kind.FLAG) {
                    Token f = next();
                    if (!Set.of("--strict", "--keep-empty").contains(f.text)) {
                        throw new SyntaxError("unknown logfmt flag '" + f.text + "' (--strict, --keep-empty)", f.pos);
                    }
                }
                if (peek().kind == Kind.IDENT) {
                    extractions();
                }
            }
            case "regexp", "pattern", "line_format" -> {
                next();
                expect(Kind.STRING, "a string after " + w);
            }
            case "unpack", "decolorize" -> next();
            case "label_format" -> {
                next();
                do {
                    if (at(",")) {
                        next();
                    }
                    expect(Kind.IDENT, "a label name");
                    expect("=");
                    if (peek().kind != Kind.IDENT && peek().kind != Kind.STRING) {
                        throw new SyntaxError("expected a label name or a template string but found "
                                + describe(peek()), peek().pos);
                    }
                    next();
                } while (at(","));
            }
            case "drop", "keep" -> {
                next();
                do {
                    if (at(",")) {
                        next();
                    }
                    expect(Kind.IDENT, "a label name");
                    if (peek().kind == Kind.OP && MATCH_OPS.contains(peek().text)) {
                        next();
                        expect(Kind.STRING, "a quoted label value");
                    }
                } while (at(","));
            }
            default -> labelFilter();
        }
    }

    private void lineFilterValue() {
        if (atWord("ip") && peek(1).text.equals("(")) {
            next();
            next();
            expect(Kind.STRING, "a string");
            expect(")");
        } else {
            expect(Kind.STRING, "a quoted string after the line filter");
        }
    }

    private void extractions() {
        while (true) {
            expect(Kind.IDENT, "a label name");
            if (at("=")) {
                next();
                expect(Kind.STRING, "a quoted expression");
            }
            if (!at(",")) {
                return;
            }
            next();
        }
    }

    private void labelFilter() {
        labelFilterAtom();
        while (true) {
            if (atWord("and") || atWord("or") || at(",")) {
                next();
                labelFilterAtom();
            } else if (labelFilterAhead()) { // juxtaposed filters: | a="x" b>1 means a="x" and b>1
                labelFilterAtom();
            } else {
                return;
            }
        }
    }

    private boolean labelFilterAhead() {
        Token t = peek();
        Token op = peek(1);
        boolean comparison = op.kind == Kind.OP && (COMPARE_OPS.contains(op.text) || MATCH_OPS.contains(op.text));
        return (t.kind == Kind.IDENT && comparison && !WORD_OPERATORS.contains(t.text.toLowerCase(Locale.ROOT)))
                || (at("(") && (op.kind == Kind.IDENT || op.text.equals("(")));
    }

    private void labelFilterAtom() {
        if (at("(")) {
            next();
            labelFilter();
            expect(")");
            return;
        }
        Token label = expect(Kind.IDENT, "a label filter (label op value)");
        Token op = next();
        if (op.kind != Kind.OP || !(COMPARE_OPS.contains(op.text) || MATCH_OPS.contains(op.text))) {
            throw new SyntaxError("expected a comparison after label " + label.text + " but found " + describe(op), op.pos);
        }
        Token v = peek();
        if (op.text.equals("=~") || op.text.equals("!~")) {
            expect(Kind.STRING, "a quoted regular expression");
        } else if (v.kind == Kind.STRING) {
            if (!op.text.equals("=") && !op.text.equals("!=")) {
                throw new SyntaxError("a string compares with = or != only, not " + op.text, op.pos);
            }
            next();
        } else if (atWord("ip") && peek(1).text.equals("(")) {
            next();
            next();
            expect(Kind.STRING, "a string");
            expect(")");
        } else if (v.kind == Kind.DURATION || v.kind == Kind.BYTES || v.kind == Kind.NUMBER) {
            next();
        } else if ((at("-") || at("+")) && peek(1).kind == Kind.NUMBER) {
            next();
            next();
        } else {
            throw new SyntaxError("expected a string, number, duration or byte size but found " + describe(v), v.pos);
        }
    }
}
