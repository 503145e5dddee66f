package io.perfect21.p21mon.alerts;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A syntax check of Prometheus's alert templates (Go {@code text/template}), as {@code promtool check rules} parses
 * the labels and annotations of an alerting rule: every {@code {{ }}} action closed, {@code if}/{@code range}/
 * {@code with}/{@code define}/{@code block} balanced by {@code end}, {@code else} only inside them, no empty command in
 * a pipeline, parentheses balanced, every variable defined ({@code $labels}, {@code $value}, {@code $externalLabels},
 * {@code $externalURL} and those the template declares) and every function one Go or Prometheus defines. It does not
 * run the template.
 *
 * <pre>{@code
 * TemplateChecker.problem("{{ $value | humanize }}");   // null
 * TemplateChecker.problem("{{ if $labels.x }}yes");     // "unexpected EOF"
 * }</pre>
 */
public final class TemplateChecker {
    /** Go's built-in functions and Prometheus's template functions. */
    static final Set<String> FUNCTIONS = Set.of("and", "call", "html", "index", "slice", "js", "len", "not", "or",
            "print", "printf", "println", "urlquery", "eq", "ge", "gt", "le", "lt", "ne",
            "query", "first", "label", "value", "strvalue", "args", "reReplaceAll", "safeHtml", "match", "title",
            "toUpper", "toLower", "graphLink", "tableLink", "sortByLabel", "humanize", "humanize1024",
            "humanizeDuration", "humanizePercentage", "humanizeTimestamp", "toTime", "toDuration", "pathPrefix",
            "externalURL", "parseDuration", "stripPort", "stripDomain", "now", "urlQueryEscape");
    private static final Set<String> OPENERS = Set.of("if", "range", "with", "define", "block");
    private static final Set<String> CONSTANTS = Set.of("true", "false", "nil");
    private static final List<String> PREDEFINED = List.of("$", "$labels", "$externalLabels", "$externalURL", "$value");

    private final Deque<String> blocks = new ArrayDeque<>();
    private final Deque<Set<String>> scopes = new ArrayDeque<>();

    private TemplateChecker() {
        scopes.push(new HashSet<>(PREDEFINED));
    }

    /** What is wrong with the template, in Go's words ({@code unexpected {{end}}}), or null when it parses. */
    public static String problem(String template) {
        try {
            new TemplateChecker().parse(template);
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    private void parse(String s) {
        int p = 0;
        while (true) {
            int open = s.indexOf("{{", p);
            if (open < 0) {
                break;
            }
            int start = open + 2;
            if (s.startsWith("- ", start) || s.startsWith("-\t", start) || s.startsWith("-\n", start)) {
                start += 1;
            }
            String rest = s.substring(start).stripLeading();
            if (rest.startsWith("/*")) {
                int close = s.indexOf("*/", start);
                if (close < 0) {
                    throw new IllegalArgumentException("unclosed comment");
                }
                int end = s.indexOf("}}", close);
                if (end < 0 || !s.substring(close + 2, end).strip().replace("-", "").isEmpty()) {
                    throw new IllegalArgumentException("comment ends before closing delimiter");
                }
                p = end + 2;
                continue;
            }
            p = action(s, start);
        }
        if (!blocks.isEmpty()) {
            throw new IllegalArgumentException("unexpected EOF");
        }
    }

    private record Token(String kind, String text) {
    }

    /** Reads one action from {@code start} (after the delimiter); returns the index after its closing {@code }}}. */
    private int action(String s, int start) {
        List<Token> tokens = new ArrayList<>();
        int p = start;
        int n = s.length();
        while (true) {
            if (p >= n) {
                throw new IllegalArgumentException("unclosed action");
            }
            char c = s.charAt(p);
            if (s.startsWith("}}", p)) {
                p += 2;
                break;
            }
            if (c == '-' && s.startsWith("}}", p + 1) && p > start && Character.isWhitespace(s.charAt(p - 1))) {
                p += 3;
                break;
            }
            if (Character.isWhitespace(c)) {
                p++;
            } else if (c == '"' || c == '`' || c == '\'') {
                int end = p + 1;
                while (end < n && s.charAt(end) != c) {
                    if (c != '`' && s.charAt(end) == '\\') {
                        end++;
                    } else if (c != '`' && s.charAt(end) == '\n') {
                        throw new IllegalArgumentException("unterminated quoted string");
                    }
                    end++;
                }
                if (end >= n) {
                    throw new IllegalArgumentException(c == '`' ? "unterminated raw quoted string" : "unterminated quoted string");
                }
                tokens.add(new Token("value", s.substring(p, end + 1)));
                p = end + 1;
            } else if (c == '$' || c == '.' || Character.isLetterOrDigit(c) || c == '_') {
                int end = p + 1;
                while (end < n && (Character.isLetterOrDigit(s.charAt(end)) || s.charAt(end) == '_' || s.charAt(end) == '.')) {
                    end++;
                }
                String word = s.substring(p, end);
                String kind = c == '$' ? "variable" : c == '.' ? "field" : Character.isDigit(c) ? "value" : "identifier";
                tokens.add(new Token(kind, word));
                p = end;
            } else if (s.startsWith(":=", p)) {
                tokens.add(new Token("declare", ":="));
                p += 2;
            } else if ("|(),=".indexOf(c) >= 0) {
                tokens.add(new Token(String.valueOf(c), String.valueOf(c)));
                p++;
            } else if ((c == '-' || c == '+') && p + 1 < n && Character.isDigit(s.charAt(p + 1))) {
                int end = p + 1;
                while (end < n && (Character.isLetterOrDigit(s.charAt(end)) || s.charAt(end) == '.')) {
                    end++;
                }
                tokens.add(new Token("value", s.substring(p, end)));
                p = end;
            } else {
                throw new IllegalArgumentException("unexpected \"" + c + "\" in command");
            }
        }
        statement(tokens);
        return p;
    }

    private void statement(List<Token> tokens) {
        if (tokens.isEmpty()) {
            throw new IllegalArgumentException("missing value for command");
        }
        String first = tokens.get(0).kind.equals("identifier") ? tokens.get(0).text : "";
        List<Token> rest = tokens.subList(1, tokens.size());
        switch (first) {
            case "end" -> {
                if (blocks.isEmpty()) {
                    throw new IllegalArgumentException("unexpected {{end}}");
                }
                blocks.pop();
                scopes.pop();
            }
            case "else" -> {
                if (blocks.isEmpty() || blocks.peek().equals("define") || blocks.peek().equals("block")) {
                    throw new IllegalArgumentException("unexpected {{else}}");
                }
                if (!rest.isEmpty()) { // else if / else with
                    String kind = rest.get(0).text;
                    if (!kind.equals("if") && !kind.equals("with")) {
                        throw new IllegalArgumentException("unexpected " + rest.get(0).text + " after else");
                    }
                    pipeline(rest.subList(1, rest.size()), true);
                }
            }
            case "if", "range", "with" -> {
                blocks.push(first);
                scopes.push(new HashSet<>());
                pipeline(rest, true);
            }
            case "define", "block" -> {
                if (rest.isEmpty() || !rest.get(0).kind.equals("value") || !rest.get(0).text.matches("[\"`].*")) {
                    throw new IllegalArgumentException("expected a quoted name in " + first);
                }
                if (first.equals("block")) {
                    pipeline(rest.subList(1, rest.size()), true);
                }
                blocks.push(first);
                scopes.push(new HashSet<>(PREDEFINED));
            }
            case "template" -> {
                if (rest.isEmpty() || !rest.get(0).kind.equals("value")) {
                    throw new IllegalArgumentException("expected a quoted name in template");
                }
                if (rest.size() > 1) {
                    pipeline(rest.subList(1, rest.size()), true);
                }
            }
            case "break", "continue" -> {
                if (!blocks.contains("range")) {
                    throw new IllegalArgumentException("{{" + first + "}} outside {{range}}");
                }
            }
            default -> pipeline(tokens, false);
        }
    }

    /** {@code [$x[, $y] :=] command | command …}; each command is operands, functions and parenthesised pipelines. */
    private void pipeline(List<Token> tokens, boolean control) {
        int i = 0;
        List<String> declared = new ArrayList<>();
        int decl = indexOf(tokens, "declare") >= 0 ? indexOf(tokens, "declare") : indexOf(tokens, "=");
        if (decl > 0 && tokens.subList(0, decl).stream().allMatch(t -> t.kind.equals("variable") || t.kind.equals(","))) {
            for (Token t : tokens.subList(0, decl)) {
                if (t.kind.equals("variable")) {
                    if (tokens.get(decl).kind.equals("=")) {
                        use(t.text);
                    }
                    declared.add(t.text);
                }
            }
            i = decl + 1;
        }
        List<Token> body = tokens.subList(i, tokens.size());
        if (body.isEmpty()) {
            throw new IllegalArgumentException("missing value for " + (control ? "control" : "command"));
        }
        int depth = 0;
        boolean empty = true;
        for (Token t : body) {
            switch (t.kind) {
                case "(" -> {
                    depth++;
                    empty = true;
                }
                case ")" -> {
                    if (--depth < 0) {
                        throw new IllegalArgumentException("unexpected right paren");
                    }
                    if (empty) {
                        throw new IllegalArgumentException("missing value for command");
                    }
                    empty = false;
                }
                case "|" -> {
                    if (empty) {
                        throw new IllegalArgumentException("missing value for command");
                    }
                    empty = true;
                }
                case "variable" -> {
                    use(t.text.contains(".") ? t.text.substring(0, t.text.indexOf('.')) : t.text);
                    empty = false;
                }
                case "identifier" -> {
                    String name = t.text.contains(".") ? t.text.substring(0, t.text.indexOf('.')) : t.text;
                    if (!CONSTANTS.contains(name) && !FUNCTIONS.contains(name)) {
                        throw new IllegalArgumentException("function \"" + name + "\" not defined");
                    }
                    empty = false;
                }
                case "declare", "=", "," -> throw new IllegalArgumentException("unexpected \"" + t.text + "\" in operand");
                default -> empty = false;
            }
        }
        if (depth > 0) {
            throw new IllegalArgumentException("unclosed left paren");
        }
        if (empty) {
            throw new IllegalArgumentException("missing value for command");
        }
        scopes.peek().addAll(declared);
    }

    private static int indexOf(List<Token> tokens, String kind) {
        for (int i = 0; i < tokens.size(); i++) {
            if (tokens.get(i).kind.equals(kind)) {
                return i;
            }
        }
        return -1;
    }

    private void use(String variable) {
        for (Set<String> scope : scopes) {
            if (scope.contains(variable)) {
                return;
            }
        }
        throw new IllegalArgumentException("undefined variable \"" + variable + "\"");
    }
}
