package io.perfect21.p21mon.config;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;

/**
 * The JSON Schema (draft 2020-12) of {@code p21mon.yaml}, derived from the same record tree the loader binds, so the
 * two cannot drift. Editors with a YAML language server use it to complete and check the file as it is typed.
 */
public final class ConfigSchema {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    /** What a duration looks like: seconds, or numbers with units. */
    static final String DURATION_PATTERN = "^(\\d+(\\.\\d+)?|(\\d+(\\.\\d+)?(ms|s|m|h|d|w|y))+)$";

    private ConfigSchema() {
    }

    /** The schema of the whole file. */
    public static ObjectNode generate() {
        ObjectNode schema = forRecord(P21monConfig.class);
        ObjectNode root = F.objectNode();
        root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        root.put("$id", "https://perfect21.io/p21mon/p21mon.schema.json");
        root.put("title", "p21mon.yaml");
        root.setAll(schema);
        return root;
    }

    private static ObjectNode forRecord(Class<?> type) {
        ObjectNode node = F.objectNode();
        node.put("type", "object");
        ObjectNode props = node.putObject("properties");
        for (RecordComponent c : type.getRecordComponents()) {
            props.set(ConfigBinder.keyOf(c), forType(c.getGenericType())); // the key the loader reads
        }
        node.put("additionalProperties", false);
        return node;
    }

    private static ObjectNode forType(Type type) {
        if (type instanceof ParameterizedType p) {
            Class<?> raw = (Class<?>) p.getRawType();
            if (Collection.class.isAssignableFrom(raw)) {
                ObjectNode n = F.objectNode().put("type", "array");
                n.set("items", forType(p.getActualTypeArguments()[0]));
                return n;
            }
            if (Map.class.isAssignableFrom(raw)) {
                ObjectNode n = F.objectNode().put("type", "object");
                n.set("additionalProperties", forType(p.getActualTypeArguments()[1]));
                return n;
            }
        }
        Class<?> c = (Class<?>) type;
        if (c == String.class) {
            return F.objectNode().put("type", "string");
        }
        if (c == Integer.class || c == int.class || c == Long.class || c == long.class) {
            return F.objectNode().put("type", "integer");
        }
        if (c == Double.class || c == double.class) {
            return F.objectNode().put("type", "number");
        }
        if (c == Boolean.class || c == boolean.class) {
            return F.objectNode().put("type", "boolean");
        }
        if (c == Duration.class) {
            ObjectNode n = F.objectNode();
            ArrayNode types = n.putArray("type");
            types.add("number").add("string");
            n.put("pattern", DURATION_PATTERN);
            n.put("description", "seconds, or a number with a unit: 500ms, 30s, 5m, 2h, 7d");
            return n;
        }
        if (c == CheckConfig.class) {
            ObjectNode n = F.objectNode().put("type", "object");
            ObjectNode props = n.putObject("properties");
            props.putObject("name").put("type", "string");
            props.putObject("type").put("type", "string").put("description",
                    "system_resources, database, git, http, tcp, process, command, p21mon, or a type added by a library");
            props.set("timeout", forType(Duration.class));
            props.putObject("warning").put("type", "string").put("description", "monitoring-plugins range, e.g. 10:20 or @5");
            props.putObject("critical").put("type", "string").put("description", "monitoring-plugins range");
            n.putArray("required").add("name").add("type");
            n.put("additionalProperties", true);
            return n;
        }
        if (c.isRecord()) {
            return forRecord(c);
        }
        return F.objectNode();
    }
}
