package io.perfect21.p21mon.alerts;

import io.perfect21.p21mon.metrics.Promql;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks one Prometheus rule file as {@code promtool check rules} does, with no promtool: YAML syntax, unknown and
 * duplicate fields and values of the wrong kind (each with its line and column), group names present and not
 * repeated, {@code interval}/{@code for}/{@code keep_firing_for} as Prometheus durations, {@code limit} a whole number,
 * each rule exactly one of {@code alert}/{@code record}, its {@code expr} parsing as PromQL (the error placed at its
 * line and column in the file), recording rules without {@code for}, {@code keep_firing_for} or annotations and named
 * as metrics, label and annotation names valid, and the templates of an alerting rule's labels and annotations
 * parsing ({@link TemplateChecker}). What it does not do: type-check PromQL (a range vector where an instant vector
 * belongs); {@code alerts test} runs the real promtool for that.
 *
 * <pre>{@code
 * RuleFileChecker.Result r = RuleFileChecker.check("rules/api.yml", Files.readString(path));
 * r.problems();  // [rules/api.yml:7:15: group "api", rule 1, "HighLatency": could not parse expression: …]
 * }</pre>
 */
public final class RuleFileChecker {
    /** One problem: the file, 1-based line and column (0 when the file as a whole is meant), and what is wrong. */
    public record Problem(String file, int line, int column, String message) {
        @Override
        public String toString() {
            return file + ":" + (line > 0 ? line + ":" + column + ":" : "") + " " + message;
        }
    }

    /** One rule as found: {@code alert} or {@code record}, its name and where it starts. */
    public record FoundRule(String kind, String name, int line, int column) {
    }

    /** One group as found: its name, {@code interval} as written (null when absent) and its rules. */
    public record FoundGroup(String name, String interval, List<FoundRule> rules) {
        public FoundGroup {
            rules = List.copyOf(rules);
        }
    }

    /** What checking one file gave. */
    public record Result(List<Problem> problems, List<FoundGroup> groups) {
        public Result {
            problems = List.copyOf(problems);
            groups = List.copyOf(groups);
        }

        public int ruleCount() {
            return groups.stream().mapToInt(g -> g.rules().size()).sum();
        }
    }

    private static final Set<String> FILE_FIELDS = Set.of("groups");
    private static final List<String> GROUP_FIELDS = List.of("name", "interval", "query_offset", "limit", "rules", "labels");
    private static final List<String> RULE_FIELDS = List.of("record", "alert", "expr", "for", "keep_firing_for",
            "labels", "annotations");
    private static final Pattern DURATION = Pattern.compile(
            "(\\d+y)?(\\d+w)?(\\d+d)?(\\d+h)?(\\d+m)?(\\d+s)?(\\d+ms)?");
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

    private final String file;
    private final String text;
    private final List<Problem> problems = new ArrayList<>();

    private RuleFileChecker(String file, String text) {
        this.file = file;
        this.text = text;
    }

    /** Checks the text of a rule file; {@code file} names it in every problem. */
    public static Result check(String file, String text) {
        return new RuleFileChecker(file, text).run();
    }

    private Result run() {
        Node root;
        try {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(true); // reported below with both lines, as promtool does
            root = new Yaml(options).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            Mark m = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String what = e.getProblem() != null ? e.getProblem() : String.valueOf(e.getMessage()).lines().findFirst().orElse("");
            problems.add(new Problem(file, m == null ? 0 : m.getLine() + 1, m == null ? 0 : m.getColumn() + 1,
                    "YAML syntax error: " + what));
            return new Result(problems, List.of());
        } catch (YAMLException e) {
            problems.add(new Problem(file, 0, 0, "YAML error: " + String.valueOf(e.getMessage()).lines().findFirst().orElse("")));
            return new Result(problems, List.of());
        }
        if (root == null || isNull(root)) {
            return new Result(problems, List.of()); // an empty file holds no rules; promtool accepts it
        }
        Map<String, Node> top = mapping(root, "the file", FILE_FIELDS.stream().toList());
        if (top == null) {
            return new Result(problems, List.of());
        }
        List<FoundGroup> groups = new ArrayList<>();
        Node groupsNode = top.get("groups");
        List<Node> items = groupsNode == null ? List.of() : sequence(groupsNode, "groups", "groups: [- name: …, rules: […]]");
        Set<String> names = new HashSet<>();
        for (int g = 0; g < items.size(); g++) {
            FoundGroup group = group(items.get(g), g, names);
            if (group != null) {
                groups.add(group);
            }
        }
        return new Result(problems, groups);
    }

    private FoundGroup group(Node node, int index, Set<String> names) {
        Map<String, Node> fields = mapping(node, "groups[" + index + "]", GROUP_FIELDS);
        if (fields == null) {
            return null;
        }
        String name = string(fields.get("name"), "groups[" + index + "].name");
        if (name == null || name.isEmpty()) {
            add(node, "groups[" + index + "]: Groupname must not be empty");
            name = "";
        } else if (!names.add(name)) {
            add(node, "groupname: \"" + name + "\" is repeated in the same file");
        }
        String where = "group \"" + name + "\"";
        String interval = string(fields.get("interval"), where + ": interval");
        duration(fields.get("interval"), where + ": interval", interval);
        String offset = string(fields.get("query_offset"), where + ": query_offset");
        duration(fields.get("query_offset"), where + ": query_offset", offset);
        Node limit = fields.get("limit");
        if (limit != null && !isNull(limit) && !(limit instanceof ScalarNode s && s.getValue().strip().matches("[+-]?\\d+"))) {
            add(limit, where + ": limit: expected a whole number, found " + describe(limit));
        }
        labels(fields.get("labels"), where + ": labels", false);
        List<FoundRule> rules = new ArrayList<>();
        Node rulesNode = fields.get("rules");
        List<Node> items = rulesNode == null ? List.of() : sequence(rulesNode, where + ": rules", "rules: [- alert: …, expr: …]");
        for (int r = 0; r < items.size(); r++) {
            FoundRule rule = rule(items.get(r), name, r + 1);
            if (rule != null) {
                rules.add(rule);
            }
        }
        return new FoundGroup(name, interval, rules);
    }

    private FoundRule rule(Node node, String group, int number) {
        String base = "group \"" + group + "\", rule " + number;
        Map<String, Node> fields = mapping(node, base, RULE_FIELDS);
        if (fields == null) {
            return null;
        }
        String alert = string(fields.get("alert"), base + ": alert");
        String record = string(fields.get("record"), base + ": record");
        boolean isAlert = alert != null && !alert.isEmpty();
        boolean isRecord = record != null && !record.isEmpty();
        String name = isAlert ? alert : isRecord ? record : "";
        String where = base + ", \"" + name + "\"";
        Node nameNode = isAlert ? fields.get("alert") : isRecord ? fields.get("record") : node;
        if (isAlert && isRecord) {
            add(fields.get("record"), where + ": only one of 'record' and 'alert' must be set");
        } else if (!isAlert && !isRecord) {
            add(node, where + ": one of 'record' or 'alert' must be set");
        }
        Node exprNode = fields.get("expr");
        String expr = string(exprNode, where + ": expr");
        if (expr == null || expr.isEmpty()) {
            add(exprNode != null ? exprNode : node, where + ": field 'expr' must be set in rule");
        } else {
            expression(exprNode, expr, where);
        }
        String forText = string(fields.get("for"), where + ": for");
        duration(fields.get("for"), where + ": for", forText);
        String keepText = string(fields.get("keep_firing_for"), where + ": keep_firing_for");
        duration(fields.get("keep_firing_for"), where + ": keep_firing_for", keepText);
        Map<String, String> labels = labels(fields.get("labels"), where + ": labels", false);
        Map<String, String> annotations = labels(fields.get("annotations"), where + ": annotations", true);
        if (isRecord && !isAlert) {
            if (!annotations.isEmpty()) {
                add(nameNode, where + ": invalid field 'annotations' in recording rule");
            }
            if (nonZero(forText)) {
                add(nameNode, where + ": invalid field 'for' in recording rule");
            }
            if (nonZero(keepText)) {
                add(nameNode, where + ": invalid field 'keep_firing_for' in recording rule");
            }
            if (!METRIC_NAME.matcher(record).matches()) {
                add(nameNode, where + ": invalid recording rule name: " + record
                        + (record.contains("{") ? " (braces: should it be in expr?)" : ""));
            }
        }
        if (isAlert) {
            templates(fields.get("labels"), labels, where, "label");
            templates(fields.get("annotations"), annotations, where, "annotation");
        }
        Mark m = nameNode.getStartMark();
        return new FoundRule(isAlert ? "alert" : "record", name, m.getLine() + 1, m.getColumn() + 1);
    }

    /** The expression parses; a syntax error is placed at its own line and column in the file. */
    private void expression(Node node, String expr, String where) {
        try {
            Promql.check(expr);
        } catch (Promql.SyntaxError e) {
            int[] at = position((ScalarNode) node, expr, e.position());
            String message = e.getMessage().replaceFirst(" at column \\d+$", "");
            problems.add(new Problem(file, at[0], at[1], where + ": could not parse expression: " + message));
        }
    }

    /** The file line and column of the character at {@code offset} of a scalar's value. */
    private int[] position(ScalarNode node, String value, int offset) {
        Mark start = node.getStartMark();
        int line = start.getLine() + 1;
        int column = start.getColumn() + 1;
        int before = Math.min(offset, value.length());
        int newlines = (int) value.substring(0, before).chars().filter(c -> c == '\n').count();
        int lineStart = value.lastIndexOf('\n', before - 1) + 1;
        Character style = node.getScalarStyle() == null ? null : node.getScalarStyle().getChar();
        if (style != null && (style == '|' || style == '>')) {
            // a block scalar's text starts on the next line, at that line's indentation
            int fileLine = line + 1 + newlines;
            return new int[] {fileLine, indentOf(fileLine) + 1 + (before - lineStart)};
        }
        boolean quoted = style != null && (style == '"' || style == '\'');
        if (newlines == 0) {
            return new int[] {line, column + (quoted ? 1 : 0) + before};
        }
        return new int[] {line + newlines, indentOf(line + newlines) + 1 + (before - lineStart)};
    }

    private int indentOf(int line) {
        String[] lines = text.split("\n", -1);
        if (line < 1 || line > lines.length) {
            return 0;
        }
        String l = lines[line - 1];
        int i = 0;
        while (i < l.length() && l.charAt(i) == ' ') {
            i++;
        }
        return i;
    }

    private void templates(Node node, Map<String, String> values, String where, String kind) {
        values.forEach((k, v) -> {
            String problem = TemplateChecker.problem(v);
            if (problem != null) {
                add(valueOf(node, k), where + ": " + kind + " \"" + k + "\": template: " + problem);
            }
        });
    }

    /** The value node of {@code key} in a mapping (the mapping itself when not found). */
    private static Node valueOf(Node mapping, String key) {
        if (mapping instanceof MappingNode m) {
            for (NodeTuple t : m.getValue()) {
                if (t.getKeyNode() instanceof ScalarNode s && s.getValue().equals(key)) {
                    return t.getValueNode();
                }
            }
        }
        return mapping;
    }

    /** A mapping of label (or annotation) names to strings; bad names and non-scalar values are problems. */
    private Map<String, String> labels(Node node, String where, boolean annotations) {
        Map<String, String> out = new LinkedHashMap<>();
        if (node == null || isNull(node)) {
            return out;
        }
        if (!(node instanceof MappingNode m)) {
            add(node, where + ": expected a mapping (name: value), found " + describe(node));
            return out;
        }
        for (NodeTuple t : m.getValue()) {
            String key = t.getKeyNode() instanceof ScalarNode s ? s.getValue() : "";
            if (!LABEL_NAME.matcher(key).matches() || (!annotations && key.equals("__name__"))) {
                add(t.getKeyNode(), where + ": invalid " + (annotations ? "annotation" : "label") + " name: " + key);
            }
            Node v = t.getValueNode();
            if (!(v instanceof ScalarNode s)) {
                add(v, where + "." + key + ": expected a string, found " + describe(v));
            } else if (out.put(key, isNull(v) ? "" : s.getValue()) != null) {
                add(t.getKeyNode(), where + ": mapping key \"" + key + "\" already defined");
            }
        }
        return out;
    }

    /** A mapping's fields; unknown and repeated fields are problems. Null (reported) when it is not a mapping. */
    private Map<String, Node> mapping(Node node, String where, List<String> known) {
        if (!(node instanceof MappingNode m)) {
            add(node, where + ": expected a mapping (key: value), found " + describe(node));
            return null;
        }
        Map<String, Node> out = new LinkedHashMap<>();
        Map<String, Integer> lines = new LinkedHashMap<>();
        for (NodeTuple t : m.getValue()) {
            String key = t.getKeyNode() instanceof ScalarNode s ? s.getValue() : String.valueOf(t.getKeyNode());
            int line = t.getKeyNode().getStartMark().getLine() + 1;
            if (!known.contains(key)) {
                String hint = io.perfect21.p21mon.config.Suggestions.closest(key, known)
                        .map(s -> "; did you mean '" + s + "'?").orElse("; known fields: " + String.join(", ", known));
                add(t.getKeyNode(), where + ": unknown field '" + key + "'" + hint);
            } else if (lines.containsKey(key)) {
                add(t.getKeyNode(), where + ": mapping key \"" + key + "\" already defined at line " + lines.get(key));
            } else {
                lines.put(key, line);
                out.put(key, t.getValueNode());
            }
        }
        return out;
    }

    private List<Node> sequence(Node node, String where, String shape) {
        if (isNull(node)) {
            return List.of();
        }
        if (!(node instanceof SequenceNode s)) {
            add(node, where + ": expected a list (" + shape + "), found " + describe(node));
            return List.of();
        }
        return s.getValue();
    }

    private String string(Node node, String where) {
        if (node == null || isNull(node)) {
            return null;
        }
        if (!(node instanceof ScalarNode s)) {
            add(node, where + ": expected a string, found " + describe(node));
            return null;
        }
        return s.getValue();
    }

    private void duration(Node node, String where, String value) {
        if (value == null) {
            return;
        }
        if (value.isEmpty() || value.equals("0") ? value.isEmpty() : !DURATION.matcher(value).matches()) {
            add(node, where + ": not a valid duration string: \"" + value + "\" (Prometheus durations: 30s, 5m, 1h30m, 1d)");
        }
    }

    private static boolean nonZero(String duration) {
        return duration != null && !duration.isEmpty() && !duration.replaceAll("[a-z]", "").chars().allMatch(c -> c == '0');
    }

    private static boolean isNull(Node node) {
        return node instanceof ScalarNode s && s.getTag().equals(Tag.NULL);
    }

    private static String describe(Node node) {
        if (node instanceof MappingNode) {
            return "a mapping";
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        return "'" + ((ScalarNode) node).getValue() + "'";
    }

    private void add(Node node, String message) {
        Mark m = node.getStartMark();
        problems.add(new Problem(file, m.getLine() + 1, m.getColumn() + 1, message));
    }
}
