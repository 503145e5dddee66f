package io.perfect21.p21mon.config;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Binds one YAML document to the record tree straight from Jackson's streaming parser (no databind: reading the
 * configuration must not load ~600 mapper classes into {@code metrics serve}). Records bind through their canonical
 * constructor, snake_case keys to camelCase components unless {@link JsonProperty} renames them; a class with a
 * {@link JsonCreator} constructor ({@link CheckConfig}) binds its {@link JsonProperty} parameters and hands every other
 * key to its {@link JsonAnySetter}. Values: records, {@code List}, {@code Map<String, …>}, {@code String},
 * {@code Integer}, {@code Long}, {@code Double}, {@code Boolean}, {@link Duration} (through {@link Durations}) and
 * {@code Object} (what YAML gave). Every problem is collected and reading goes on: an unknown key is skipped, a value of
 * the wrong type or a record its constructor refused becomes null, so the record's default applies.
 */
final class ConfigBinder {
    /** The types of single values; any other class binds from a mapping. */
    private static final List<Class<?>> SCALARS =
            List.of(String.class, Integer.class, Long.class, Double.class, Boolean.class, Duration.class);
    /**
     * The keys whose values are paths (list items as {@code []}): a relative one is made absolute against the
     * configuration file's directory as it is read, after {@code ${VAR}} expansion, so every command resolves it the
     * same from any working directory. Keep in step with docs/config.md ("Paths").
     */
    static final java.util.Set<String> PATH_KEYS = java.util.Set.of(
            "audit.dir", "audit.hmac_key_file", "audit.encryption_key_file",
            "tracing.file_output",
            "dashboards.out_dir", "dashboards.templates_dir",
            "stack.dir", "stack.targets_file", "stack.templates_dir",
            "metrics.git_repos[]",
            "alerting.rule_files[]", "alerting.rule_test_files[]", "alerting.email.password_file",
            "alerting.channels[].webhook_url_file", "alerting.channels[].password_file",
            "health.checks[].path", "health.checks[].dir", "health.checks[].ca_file");
    private static final java.util.regex.Pattern INDEX = java.util.regex.Pattern.compile("\\[\\d+]");
    private static final String DOLLAR_HINT = "inside { } or [ ], quote a ${VAR} reference: \"${VAR}\"";

    private final JsonParser parser;
    private final EnvExpander expander;
    private final ConfigProblems problems;
    /** Where each key path starts ({@code health.checks[0].url}) and each list item, for problems found later. */
    private final Map<String, JsonLocation> keys;
    /** The configuration file's directory (absolute), or null when the text came from no file. */
    private final java.nio.file.Path baseDir;

    ConfigBinder(JsonParser parser, EnvExpander expander, ConfigProblems problems, Map<String, JsonLocation> keys,
                 java.nio.file.Path baseDir) {
        this.parser = parser;
        this.baseDir = baseDir;
        this.expander = expander;
        this.problems = problems;
        this.keys = keys;
    }

    /** Reads the one document of the file: null when it is empty; a second document is a problem. */
    P21monConfig readDocument() throws IOException {
        if (next() == null) {
            return null;
        }
        P21monConfig config = (P21monConfig) read(P21monConfig.class, "");
        if (next() != null) {
            problems.add("", parser.currentTokenLocation(),
                    "a second YAML document (after ---); p21mon reads one document per file", null);
        }
        return config != null ? config : P21monConfig.defaults();
    }

    /** The key of a record component in the file: its {@link JsonProperty} name, else its name in snake_case. */
    static String keyOf(RecordComponent c) {
        // a record component's annotation lands on its accessor, field and constructor parameter
        JsonProperty named = c.getAccessor().getAnnotation(JsonProperty.class);
        return named != null && !named.value().isEmpty() ? named.value() : snakeCase(c.getName());
    }

    /** {@code cpuSampleMs} → {@code cpu_sample_ms}, as Jackson's SNAKE_CASE naming writes it. */
    static String snakeCase(String name) {
        StringBuilder sb = new StringBuilder(name.length() + 4);
        boolean previousUpper = false;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isUpperCase(c)) {
                if (!previousUpper && sb.length() > 0 && sb.charAt(sb.length() - 1) != '_') {
                    sb.append('_');
                }
                sb.append(Character.toLowerCase(c));
                previousUpper = true;
            } else {
                sb.append(c);
                previousUpper = false;
            }
        }
        return sb.toString();
    }

    // ---- binding: each read* starts at the value's first token and ends at its last ----

    private Object read(Type type, String path) throws IOException {
        if (parser.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        if (type instanceof ParameterizedType p) {
            Type[] args = p.getActualTypeArguments();
            return p.getRawType() == List.class ? readList(args[0], path) : readMap(args[1], path);
        }
        Class<?> raw = (Class<?>) type;
        if (raw == Object.class) {
            return readAny(path);
        }
        return SCALARS.contains(raw) ? readScalar(raw, path) : readObject(raw, path);
    }

    private Object readObject(Class<?> type, String path) throws IOException {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            return mismatch(type, path);
        }
        Shape shape = Shape.of(type);
        Object[] args = new Object[shape.types.length];
        Map<String, Object> others = new LinkedHashMap<>();
        while (next() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            String keyPath = ConfigProblems.join(path, key);
            next();
            Integer index = shape.index.get(key);
            if (index != null) {
                args[index] = read(shape.types[index], keyPath);
            } else if (shape.anySetter != null) {
                others.put(key, readAny(keyPath));
            } else {
                String hint = Suggestions.closest(key, shape.index.keySet()).map(s -> "did you mean '" + s + "'?")
                        .orElse("known keys: " + String.join(", ", new java.util.TreeSet<>(shape.index.keySet())));
                problems.add(keyPath, null, "unknown key '" + keyPath + "'", hint);
                parser.skipChildren();
            }
        }
        try {
            Object value = shape.constructor.newInstance(args);
            for (Map.Entry<String, Object> e : others.entrySet()) {
                shape.anySetter.invoke(value, e.getKey(), e.getValue());
            }
            return value;
        } catch (InvocationTargetException e) {
            return refused(type, path, e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot bind " + type.getName(), e);
        }
    }

    /** A constructor refused its values: its message becomes a problem placed at the key it names. */
    private Object refused(Class<?> type, String path, Throwable cause) {
        if (cause instanceof ConfigException c) {
            problems.addAll(path, c);
        } else if (cause.getMessage() == null || cause instanceof NullPointerException) {
            // a null inside a map or list ("custom_labels: {env: }"), or an entry already reported as broken
            if (!problems.hasAt(path)) {
                problems.add(path, "a key or list item has no value", "write a value, or remove it");
            }
        } else {
            String message = cause.getMessage();
            // records name their key first ("alerting.email.host is required"): place the problem at that key
            String named = message.split("[ :]", 2)[0];
            problems.add(named.startsWith(path) && named.contains(".") ? named : path, message, null);
        }
        // a check without name or type still holds its place, so health reports it UNKNOWN and runs the rest
        return type == CheckConfig.class ? CheckConfig.unreadable(path) : null;
    }

    private List<Object> readList(Type item, String path) throws IOException {
        List<Object> list = new ArrayList<>();
        if (parser.currentToken() == JsonToken.START_OBJECT) {
            // "rules: {HighErrorRate: {...}}": say what was found, not "rules[0]: unknown key"
            problems.add(path, parser.currentTokenLocation(), "expected a list (one '- ' item per entry), found a "
                    + "mapping", null);
            parser.skipChildren();
            return list;
        }
        if (parser.currentToken() != JsonToken.START_ARRAY) {
            list.add(read(item, path + "[0]")); // a single value stands for a list of one
            return list;
        }
        for (int i = 0; next() != JsonToken.END_ARRAY; i++) {
            if (!noValue(item, path + "[" + i + "]")) {
                list.add(read(item, path + "[" + i + "]"));
            }
        }
        return list;
    }

    private Map<String, Object> readMap(Type value, String path) throws IOException {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            mismatch(Map.class, path);
            return null;
        }
        Map<String, Object> map = new LinkedHashMap<>();
        while (next() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            next();
            if (!noValue(value, ConfigProblems.join(path, key))) {
                map.put(key, read(value, ConfigProblems.join(path, key)));
            }
        }
        return map;
    }

    /**
     * A list item or map value left empty where a scalar belongs ({@code custom_labels: {env: }}): a problem. An empty
     * entry of a list of records is left out quietly (an empty check holds no index of its own, as before).
     */
    private boolean noValue(Type type, String path) {
        if (parser.currentToken() != JsonToken.VALUE_NULL || type == Object.class
                || type instanceof Class<?> c && !SCALARS.contains(c)) {
            return false;
        }
        problems.add(path, null, "a key or list item has no value", "write a value, or remove it");
        return true;
    }

    /** A value as YAML gave it: string, Integer/Long/BigInteger, Double, Boolean, null, List or Map. */
    private Object readAny(String path) throws IOException {
        JsonToken t = parser.currentToken();
        switch (t) {
            case START_OBJECT -> {
                return readMap(Object.class, path);
            }
            case START_ARRAY -> {
                return readList(Object.class, path);
            }
            case VALUE_STRING -> {
                return pathValue(path, text());
            }
            case VALUE_NUMBER_INT -> {
                return parser.getNumberValue();
            }
            case VALUE_NUMBER_FLOAT -> {
                return parser.getDoubleValue();
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return t == JsonToken.VALUE_TRUE;
            }
            case VALUE_EMBEDDED_OBJECT -> {
                return parser.getEmbeddedObject();
            }
            default -> {
                return null;
            }
        }
    }

    private Object readScalar(Class<?> type, String path) throws IOException {
        JsonToken t = parser.currentToken();
        if (!t.isScalarValue()) {
            return mismatch(type, path);
        }
        String text = text();
        if (type == String.class) {
            return pathValue(path, text);
        }
        if (type == Duration.class) {
            try {
                return Durations.parse(text);
            } catch (IllegalArgumentException e) {
                return wrongValue(path, e.getMessage(), text);
            }
        }
        if (t == JsonToken.VALUE_STRING && text.isBlank()) {
            return null; // "port: ${PORT:-}": the default applies
        }
        boolean number = t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT;
        Object value;
        if (type == Integer.class || type == Long.class) {
            Long l = t == JsonToken.VALUE_NUMBER_INT ? wholeNumber() : t == JsonToken.VALUE_STRING ? parseLong(text) : null;
            if (type == Integer.class && l != null) {
                value = l == l.intValue() ? Integer.valueOf(l.intValue()) : null;
            } else {
                value = l;
            }
        } else if (type == Double.class) {
            value = number ? Double.valueOf(parser.getDoubleValue()) : t == JsonToken.VALUE_STRING ? parseDouble(text) : null;
        } else { // Boolean
            value = t == JsonToken.VALUE_TRUE || t == JsonToken.VALUE_FALSE ? Boolean.valueOf(t == JsonToken.VALUE_TRUE)
                    : t == JsonToken.VALUE_STRING ? parseBoolean(text) : null;
        }
        if (value == null) {
            String got = t == JsonToken.VALUE_STRING ? "'" + text + "'" : text;
            return wrongValue(path, "expected " + expected(type) + ", got " + got, text);
        }
        return value;
    }

    private Long wholeNumber() throws IOException {
        return parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER ? null : parser.getLongValue();
    }

    private static Long parseLong(String text) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Double parseDouble(String text) {
        try {
            return Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Boolean parseBoolean(String text) {
        String s = text.trim();
        return "true".equalsIgnoreCase(s) ? Boolean.TRUE : "false".equalsIgnoreCase(s) ? Boolean.FALSE : null;
    }

    /** A scalar that cannot become its key's type; not reported again when its ${VAR} already failed to expand. */
    private Object wrongValue(String path, String message, String text) {
        if (!problems.hasExactly(path)) {
            problems.add(path, parser.currentTokenLocation(), message, "$".equals(text) ? DOLLAR_HINT : null);
        }
        return null;
    }

    /** A mapping or list where another kind of value belongs: reported, skipped, null. */
    private Object mismatch(Class<?> type, String path) throws IOException {
        problems.add(path, parser.currentTokenLocation(), (path.isEmpty() ? "the file: " : "") + "expected " + expected(type),
                null);
        parser.skipChildren();
        return null;
    }

    static String expected(Class<?> type) {
        if (type == Integer.class || type == Long.class) {
            return "a whole number";
        }
        if (type == Double.class) {
            return "a number";
        }
        if (type == Boolean.class) {
            return "true or false";
        }
        if (type == Duration.class) {
            return "a duration (30, 500ms, 30s, 5m, 2h, 7d)";
        }
        if (type == String.class) {
            return "a string";
        }
        if (Collection.class.isAssignableFrom(type)) {
            return "a list";
        }
        return "a mapping of keys (key: value)";
    }

    // ---- tokens: keys are recorded, ${VAR} expanded ----

    /** The next token; a key's place is recorded (a key seen twice is a problem), and so is each list item's. */
    private JsonToken next() throws IOException {
        JsonToken t = parser.nextToken();
        if (t == JsonToken.FIELD_NAME) {
            String path = keyPath(parser.getParsingContext());
            if (keys.putIfAbsent(path, parser.currentTokenLocation()) != null) {
                problems.add(path, parser.currentTokenLocation(), "duplicate key '" + parser.currentName() + "'",
                        "remove one of them");
            }
        } else if (t != null && (t.isStructStart() || t.isScalarValue())) {
            JsonStreamContext c = parser.getParsingContext();
            JsonStreamContext holder = t.isStructStart() ? c.getParent() : c;
            if (holder != null && holder.inArray()) {
                keys.putIfAbsent(keyPath(holder), parser.currentTokenLocation());
            }
        }
        return t;
    }

    /**
     * The current scalar's text, a string's {@code ${VAR}} references expanded; a reference that cannot be expanded is
     * a problem and the raw text stays (the problem is the reference, not the type the value was meant to have).
     */
    private String text() throws IOException {
        String raw = parser.getText();
        if (parser.currentToken() != JsonToken.VALUE_STRING || raw == null || !EnvExpander.hasReference(raw)) {
            return raw;
        }
        try {
            return expander.expand(raw);
        } catch (IllegalArgumentException e) {
            problems.add(keyPath(parser.getParsingContext()), parser.currentTokenLocation(), e.getMessage(), null);
            return raw;
        }
    }

    /** A value of a {@link #PATH_KEYS} key made absolute against {@link #baseDir}; any other value as it is. */
    private String pathValue(String path, String value) {
        if (baseDir == null || value == null || value.isBlank() || EnvExpander.hasReference(value)
                || !PATH_KEYS.contains(INDEX.matcher(path).replaceAll("[]"))) {
            return value;
        }
        try {
            java.nio.file.Path p = java.nio.file.Path.of(value);
            return p.isAbsolute() ? value : baseDir.resolve(p).normalize().toString();
        } catch (java.nio.file.InvalidPathException e) {
            return value; // a NUL byte, say: the key's own use reports it
        }
    }

    /** The dotted path of the value a parser context is at ({@code alerting.email.password}, {@code jobs[0].name}). */
    private static String keyPath(JsonStreamContext context) {
        List<String> parts = new ArrayList<>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inArray()) {
                parts.add(0, "[" + Math.max(0, c.getCurrentIndex()) + "]");
            } else if (c.getCurrentName() != null) {
                parts.add(0, c.getCurrentName());
            }
        }
        String path = "";
        for (String part : parts) {
            path = ConfigProblems.join(path, part);
        }
        return path;
    }

    /**
     * How a class binds: its keys in the file (each with its index among the constructor's parameters and its type),
     * the constructor, and the any-setter that takes the other keys (null: another key is unknown). Built once a class,
     * when a file first has one (so a small file reflects on few classes); a key type the binder cannot read fails then.
     */
    private static final class Shape {
        private static final ClassValue<Shape> SHAPES = new ClassValue<>() {
            @Override
            protected Shape computeValue(Class<?> type) {
                return new Shape(type);
            }
        };

        final Map<String, Integer> index = new LinkedHashMap<>();
        final Type[] types;
        final Constructor<?> constructor;
        final Method anySetter;

        static Shape of(Class<?> type) {
            return SHAPES.get(type);
        }

        private Shape(Class<?> type) {
            if (type.isRecord()) {
                RecordComponent[] components = type.getRecordComponents();
                Class<?>[] raw = new Class<?>[components.length];
                types = new Type[components.length];
                for (int i = 0; i < components.length; i++) {
                    index.put(keyOf(components[i]), i);
                    raw[i] = components[i].getType();
                    types[i] = components[i].getGenericType();
                }
                try {
                    constructor = type.getDeclaredConstructor(raw);
                } catch (NoSuchMethodException e) {
                    throw new IllegalStateException(e);
                }
                anySetter = null;
            } else {
                constructor = creator(type);
                if (constructor == null) {
                    throw new IllegalStateException("the configuration binder cannot read " + type.getName());
                }
                types = constructor.getGenericParameterTypes();
                java.lang.reflect.Parameter[] params = constructor.getParameters();
                for (int i = 0; i < params.length; i++) {
                    index.put(params[i].getAnnotation(JsonProperty.class).value(), i);
                }
                Method setter = null;
                for (Method m : type.getDeclaredMethods()) {
                    if (m.isAnnotationPresent(JsonAnySetter.class)) {
                        setter = m;
                    }
                }
                anySetter = setter;
            }
            for (Type t : types) {
                check(t);
            }
        }

        private static Constructor<?> creator(Class<?> type) {
            for (Constructor<?> c : type.getDeclaredConstructors()) {
                if (c.isAnnotationPresent(JsonCreator.class)) {
                    return c;
                }
            }
            return null;
        }

        /** Fails unless the binder can read values of this type. */
        private static void check(Type type) {
            if (type instanceof ParameterizedType p) {
                Type[] args = p.getActualTypeArguments();
                if (p.getRawType() == List.class) {
                    check(args[0]);
                    return;
                }
                if (p.getRawType() == Map.class && args[0] == String.class) {
                    check(args[1]);
                    return;
                }
            } else if (type instanceof Class<?> c) {
                if (SCALARS.contains(c) || c == Object.class) {
                    return;
                }
                if (c.isRecord() || creator(c) != null) {
                    return; // its own shape checks its keys' types when a file first has one
                }
            }
            throw new IllegalStateException("the configuration binder cannot read " + type.getTypeName()
                    + " (see ConfigBinder)");
        }
    }
}
