package io.perfect21.p21mon.cli.render;

import io.perfect21.p21mon.IoErrors;
import com.fasterxml.jackson.databind.JsonNode;
import io.perfect21.p21mon.Json;
import io.perfect21.p21mon.P21monException;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one place output formats are looked up. Every result renders as {@code json} and {@code yaml}; {@code table}
 * and any other format ({@code nagios}, {@code prometheus}, {@code csv}, {@code jsonl}, …) are registered per result
 * type by the feature's renderer class listed in {@link #FEATURES}. A type with no table of its own gets a
 * {@code key  value} table of its flattened fields.
 */
public final class Renderers {
    private static final Map<Class<?>, Map<String, Renderer<?>>> BY_TYPE = new ConcurrentHashMap<>();

    /** Each feature's registrations; a new feature adds its class here. */
    private static final List<Runnable> FEATURES = List.of(HealthRenderers::register, MetricsRenderers::register,
            AuditRenderers::register, AlertsRenderers::register, DashboardRenderers::register, TracesRenderers::register,
            StackRenderers::register);

    static {
        FEATURES.forEach(Runnable::run);
    }

    private Renderers() {
    }

    /** Registers a format for a result type (and its subtypes). */
    public static <T> void register(Class<T> type, String format, Renderer<? super T> renderer) {
        BY_TYPE.computeIfAbsent(type, t -> new LinkedHashMap<>()).put(format, renderer);
    }

    /** The formats a result type can be rendered in, table first. */
    public static List<String> formats(Class<?> type) {
        List<String> formats = new ArrayList<>(List.of("table", "json", "yaml"));
        registered(type).keySet().stream().filter(f -> !formats.contains(f)).forEach(formats::add);
        return formats;
    }

    /**
     * Renders the value in the format.
     *
     * @throws P21monException (usage) when the type has no such format, listing those it has
     */
    @SuppressWarnings("unchecked")
    public static <T> void render(T value, String format, PrintWriter out, Style style) {
        Renderer<T> renderer = (Renderer<T>) find(value.getClass(), format);
        try {
            renderer.render(value, out, style);
        } catch (java.io.IOException e) {
            throw P21monException.failed("cannot write output: " + IoErrors.describe(e), e);
        }
        out.flush();
    }

    /** Checks before any work is done that the type can be rendered in the format. */
    public static void check(Class<?> type, String format, String command) {
        if (!formats(type).contains(format)) {
            throw P21monException.usage("'" + command + "' cannot print -o " + format + "; formats: "
                    + String.join(", ", formats(type)));
        }
    }

    private static Renderer<?> find(Class<?> type, String format) {
        Renderer<?> own = registered(type).get(format);
        if (own != null) {
            return own;
        }
        return switch (format) {
            case "json" -> (Renderer<Object>) Renderers::json;
            case "yaml" -> (Renderer<Object>) Renderers::yaml;
            case "table" -> (Renderer<Object>) Renderers::keyValueTable;
            default -> throw P21monException.usage("-o " + format + " is not a format of this command; formats: "
                    + String.join(", ", formats(type)));
        };
    }

    private static Map<String, Renderer<?>> registered(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            Map<String, Renderer<?>> m = BY_TYPE.get(c);
            if (m != null) {
                return m;
            }
            for (Class<?> i : c.getInterfaces()) {
                Map<String, Renderer<?>> mi = BY_TYPE.get(i);
                if (mi != null) {
                    return mi;
                }
            }
        }
        return Map.of();
    }

    /** Pretty JSON with a final newline. */
    public static void json(Object value, PrintWriter out, Style style) throws java.io.IOException {
        out.println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(toTree(value)));
    }

    /** Block YAML. */
    public static void yaml(Object value, PrintWriter out, Style style) throws java.io.IOException {
        out.print(Json.yaml().writeValueAsString(toTree(value)));
    }

    private static JsonNode toTree(Object value) {
        return value instanceof JsonNode node ? node : Json.mapper().valueToTree(value);
    }

    /** Any value as a two-column table of its flattened fields ({@code health.timeout  30s}). */
    public static void keyValueTable(Object value, PrintWriter out, Style style) {
        Table table = Table.of("KEY", "VALUE");
        flatten("", toTree(value), table);
        table.print(out, style);
    }

    private static void flatten(String prefix, JsonNode node, Table table) {
        if (node.isObject() && node.size() > 0) {
            node.properties().forEach(e -> flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), table));
        } else if (node.isArray() && node.size() > 0) {
            for (int i = 0; i < node.size(); i++) {
                flatten(prefix + "[" + i + "]", node.get(i), table);
            }
        } else {
            table.row(prefix, node.isValueNode() ? node.asText() : node.toString());
        }
    }
}
