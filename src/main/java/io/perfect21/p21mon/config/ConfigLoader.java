package io.perfect21.p21mon.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.JsonParserDelegate;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.perfect21.p21mon.Json;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds, reads and checks {@code p21mon.yaml}. Strict: an unknown key is an error with its path and a "did you mean",
 * a wrong type is an error with file, line and column. {@code ${VAR}} and {@code ${VAR:-default}} in values are
 * expanded from the environment.
 *
 * <pre>{@code
 * Loaded loaded = new ConfigLoader(System.getenv(), Path.of(".")).load(null);
 * Duration timeout = loaded.config().health().timeout();
 * }</pre>
 */
public final class ConfigLoader {
    /** The file's name in the current directory and the config directories. */
    public static final String FILE_NAME = "p21mon.yaml";

    private final Map<String, String> env;
    private final Path workDir;

    public ConfigLoader(Map<String, String> env, Path workDir) {
        this.env = env;
        this.workDir = workDir;
    }

    /** A configuration and the file it came from (empty when the built-in defaults apply). */
    public record Loaded(P21monConfig config, Optional<Path> source) {
    }

    /**
     * The search order: the explicit file, {@code $P21MON_CONFIG}, {@code ./p21mon.yaml},
     * {@code $XDG_CONFIG_HOME/p21mon/p21mon.yaml} (default {@code ~/.config}), {@code /etc/p21mon/p21mon.yaml}.
     * An explicit or {@code $P21MON_CONFIG} file must exist; the others are used when present.
     */
    public Optional<Path> locate(Path explicit) {
        if (explicit != null) {
            return Optional.of(mustExist(workDir.resolve(explicit), "--config"));
        }
        String fromEnv = env.get("P21MON_CONFIG");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Optional.of(mustExist(workDir.resolve(fromEnv), "$P21MON_CONFIG"));
        }
        List<Path> candidates = new ArrayList<>();
        candidates.add(workDir.resolve(FILE_NAME));
        String xdg = env.get("XDG_CONFIG_HOME");
        String home = env.get("HOME");
        if (xdg != null && !xdg.isBlank()) {
            candidates.add(Path.of(xdg, "p21mon", FILE_NAME));
        } else if (home != null && !home.isBlank()) {
            candidates.add(Path.of(home, ".config", "p21mon", FILE_NAME));
        }
        candidates.add(Path.of("/etc/p21mon", FILE_NAME));
        return candidates.stream().filter(Files::isRegularFile).findFirst();
    }

    /** Locates and parses the configuration; the built-in defaults when no file is found. */
    public Loaded load(Path explicit) {
        Optional<Path> source = locate(explicit);
        if (source.isEmpty()) {
            return new Loaded(P21monConfig.defaults(), source);
        }
        Parsed parsed = read(source.get());
        // a problem inside one health check makes that check UNKNOWN when it runs; any other stops every command
        List<ConfigProblem> fatal = new ArrayList<>();
        for (ConfigProblem p : parsed.problems().list()) {
            if (!deferToCheck(parsed.config(), p)) {
                fatal.add(p);
            }
        }
        if (!fatal.isEmpty()) {
            throw new ConfigException(fatal);
        }
        return new Loaded(parsed.config(), source);
    }

    /** The configuration and every problem found in it: reading the file, then each validator. */
    public record Checked(Loaded loaded, List<ConfigProblem> problems) {
    }

    /**
     * Finds every problem any command would reject, for {@code config validate}: reads the whole file collecting
     * problems rather than stopping at the first, then runs the validators.
     *
     * @throws ConfigException only when there is no file to read
     */
    public Checked check(Path explicit, List<ConfigValidator> validators) {
        Optional<Path> source = locate(explicit);
        Parsed parsed = source.isPresent() ? read(source.get())
                : new Parsed(P21monConfig.defaults(), ConfigProblems.withoutFile());
        Loaded loaded = new Loaded(parsed.config(), source);
        parsed.problems().list().forEach(p -> deferToCheck(parsed.config(), p)); // validators skip entries known broken
        if (!parsed.syntaxError()) {
            for (ConfigValidator v : validators) {
                v.validate(loaded, parsed.problems());
            }
        }
        List<ConfigProblem> all = new ArrayList<>(parsed.problems().list());
        all.sort(java.util.Comparator.comparingInt((ConfigProblem p) -> p.line() > 0 ? p.line() : Integer.MAX_VALUE)
                .thenComparingInt(ConfigProblem::column));
        return new Checked(loaded, all);
    }

    /** Parses configuration text; {@code sourceName} prefixes every error message. Fails with every problem found. */
    public P21monConfig parse(String text, String sourceName) {
        Parsed parsed = collect(text, sourceName);
        parsed.problems().throwIfAny();
        return parsed.config();
    }

    /** What reading a file gave: the configuration (defaults where a value was bad) and the problems. */
    private record Parsed(P21monConfig config, ConfigProblems problems, boolean syntaxError) {
        Parsed(P21monConfig config, ConfigProblems problems) {
            this(config, problems, false);
        }
    }

    private Parsed read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read the configuration: " + describe(e));
        }
        return collect(text, file.toString());
    }

    private static final java.util.regex.Pattern CHECK_PATH = java.util.regex.Pattern.compile("^health\\.checks\\[(\\d+)](.*)$");

    /** Attaches a problem inside {@code health.checks[i]} to that check, when the check itself could be read. */
    private static boolean deferToCheck(P21monConfig config, ConfigProblem p) {
        java.util.regex.Matcher m = CHECK_PATH.matcher(p.path());
        if (!m.matches()) {
            return false;
        }
        int i = Integer.parseInt(m.group(1));
        List<CheckConfig> checks = config.health().checks();
        if (i >= checks.size()) {
            return false;
        }
        checks.get(i).addProblem(p);
        return true;
    }

    private Parsed collect(String text, String sourceName) {
        Map<String, JsonLocation> keys = new java.util.HashMap<>();
        ConfigProblems problems = new ConfigProblems(sourceName, keys);
        ObjectMapper mapper = StrictMapper.MAPPER;
        ExpandingParser expanding = null;
        try (JsonParser raw = mapper.getFactory().createParser(text);
             ExpandingParser parser = expanding = new ExpandingParser(raw, new EnvExpander(env), problems, keys)) {
            if (parser.nextToken() == null) {
                return new Parsed(P21monConfig.defaults(), problems);
            }
            P21monConfig config = mapper.readerFor(P21monConfig.class)
                    .withHandler(new ProblemCollector(problems, parser)).readValue(parser);
            if (parser.nextToken() != null) {
                problems.add("", parser.currentTokenLocation(),
                        "a second YAML document (after ---); p21mon reads one document per file", null);
            }
            return new Parsed(config != null ? config : P21monConfig.defaults(), problems);
        } catch (JsonProcessingException e) {
            MarkedYAMLException yaml = yamlError(e);
            if (yaml != null) {
                Mark mark = yaml.getProblemMark();
                // what was found before the syntax error and comes with advice stays (an unquoted ${VAR} in { } is
                // often its cause); a wrong type is more likely the syntax error's own doing ("timeout: [1")
                ConfigProblems kept = new ConfigProblems(sourceName, keys);
                problems.list().stream().filter(p -> p.suggestion() != null).forEach(kept::keep);
                kept.add("", new JsonLocation(null, -1, mark.getLine() + 1, mark.getColumn() + 1),
                        "YAML syntax error: " + syntaxProblem(yaml), null);
                return new Parsed(P21monConfig.defaults(), kept, true);
            }
            // Jackson reports an unknown key where it stopped reading (often the end of the mapping): use the key's own
            JsonLocation where = e.getLocation();
            if (e instanceof UnrecognizedPropertyException u && expanding != null) {
                where = expanding.keyLocation(u.getPath().size(), String.valueOf(u.getPropertyName()), where);
            } else if (expanding != null && e instanceof MismatchedInputException && !(e instanceof ValueInstantiationException)
                    && expanding.lastTokenLocation != null) {
                // YAML's "current" location is past the value; the value token that failed is what a user looks for
                where = expanding.lastTokenLocation;
            }
            String path = e instanceof JsonMappingException m ? path(m, null) : "";
            problems.add(path, where, explain(e), null);
            return new Parsed(P21monConfig.defaults(), problems, true);
        } catch (IOException e) {
            throw new ConfigException(sourceName + ": " + describe(e), e);
        }
    }

    private static Path mustExist(Path file, String via) {
        if (!Files.exists(file)) {
            throw new ConfigException(file + ": no such configuration file (given by " + via
                    + "); create one with 'p21mon config init'");
        }
        if (!Files.isReadable(file) || Files.isDirectory(file)) {
            throw new ConfigException(file + ": not a readable file (given by " + via + ")");
        }
        return file;
    }

    private static MarkedYAMLException yamlError(Throwable e) {
        for (Throwable t = e; t != null && t != t.getCause(); t = t.getCause()) {
            if (t instanceof MarkedYAMLException m && m.getProblemMark() != null) {
                return m;
            }
        }
        return null;
    }

    private static String syntaxProblem(MarkedYAMLException e) {
        String problem = e.getProblem() != null ? e.getProblem() : firstLine(e.getMessage());
        if (e.getContext() != null && e.getContextMark() != null) {
            problem += " (" + e.getContext() + " at line " + (e.getContextMark().getLine() + 1) + ", column "
                    + (e.getContextMark().getColumn() + 1) + ")";
        } else if (e.getContext() != null) {
            problem += " (" + e.getContext() + ")";
        }
        return problem;
    }

    private static String position(Mark mark) {
        return (mark.getLine() + 1) + ":" + (mark.getColumn() + 1) + ":";
    }

    private static String position(JsonLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return location.getLineNr() + ":" + location.getColumnNr() + ":";
    }

    private static String explain(JsonProcessingException e) {
        if (e instanceof UnrecognizedPropertyException u) {
            String key = String.valueOf(u.getPropertyName());
            String path = path(u, key);
            String hint = Suggestions.closest(key, u.getKnownPropertyIds()).map(s -> "; did you mean '" + s + "'?")
                    .orElse("; known keys: " + join(u.getKnownPropertyIds()));
            return "unknown key '" + path + "'" + hint;
        }
        if (e instanceof ValueInstantiationException v && v.getCause() != null) {
            if (v.getCause().getMessage() == null) {
                // e.g. a null inside a map or list ("custom_labels: {env: }"), rejected by the record's copy
                String where = path(v, null);
                return (where.isEmpty() ? "" : where + ": ") + "a key or list item has no value (write a value, or remove it)";
            }
            return v.getCause().getMessage();
        }
        if (e instanceof InvalidFormatException f) {
            String hint = "$".equals(String.valueOf(f.getValue()))
                    ? " (inside { } or [ ], quote a ${VAR} reference: \"${VAR}\")" : "";
            return path(f, null) + ": expected " + expected(f.getTargetType()) + ", got '" + f.getValue() + "'" + hint;
        }
        if (e instanceof MismatchedInputException m) {
            String msg = m.getOriginalMessage();
            if (msg != null && msg.startsWith("Trailing token")) {
                return "a second YAML document (after ---); p21mon reads one document per file";
            }
            if (msg != null && msg.startsWith("Missing required creator property")) {
                String key = msg.replaceAll("^Missing required creator property '([^']*)'.*$", "$1");
                String where = path(m, null);
                where = where.endsWith("." + key) ? where.substring(0, where.length() - key.length() - 1) : where;
                return (where.isEmpty() ? "" : where + ": ") + "missing required key '" + key + "'";
            }
            String where = path(m, null);
            return (where.isEmpty() ? "the file" : where) + ": expected " + expected(m.getTargetType());
        }
        if (e instanceof JsonMappingException m && m.getCause() instanceof IllegalArgumentException iae) {
            return path(m, null) + ": " + iae.getMessage();
        }
        String msg = e.getOriginalMessage();
        if (msg != null && msg.startsWith("Duplicate field")) {
            return "duplicate key " + msg.replaceAll("^Duplicate field '([^']*)'.*$", "'$1'");
        }
        return (e instanceof JsonParseException ? "YAML syntax error: " : "") + firstLine(msg);
    }

    private static String path(JsonMappingException e, String last) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            } else if (ref.getFieldName() != null) {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(ref.getFieldName());
            }
        }
        if (last != null && !sb.toString().endsWith(last)) {
            sb.append(sb.length() > 0 ? "." : "").append(last);
        }
        return sb.toString();
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "another kind of value";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number";
        }
        if (type == Double.class || type == double.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
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

    private static String join(Collection<Object> ids) {
        List<String> names = new ArrayList<>();
        ids.forEach(id -> names.add(String.valueOf(id)));
        names.sort(null);
        return String.join(", ", names);
    }

    private static String firstLine(String msg) {
        if (msg == null) {
            return "invalid configuration";
        }
        int nl = msg.indexOf('\n');
        return (nl < 0 ? msg : msg.substring(0, nl)).trim();
    }

    private static String describe(IOException e) {
        if (e instanceof java.nio.charset.CharacterCodingException) {
            return "not UTF-8 text";
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    private static final class StrictMapper {
        static final ObjectMapper MAPPER = strict();

        private static ObjectMapper strict() {
            YAMLMapper m = Json.configure(new YAMLMapper());
            m.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
            m.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
            m.enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY);
            m.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
            // duplicate keys are found (all of them) by ExpandingParser
            return m;
        }
    }

    /** The dotted path of the value a parser is at ({@code alerting.email.password}, {@code jobs[0].name}). */
    private static String keyPath(JsonStreamContext context) {
        List<String> parts = new ArrayList<>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inArray()) {
                parts.add(0, "[" + Math.max(0, c.getCurrentIndex()) + "]");
            } else if (c.getCurrentName() != null) {
                parts.add(0, c.getCurrentName());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (String part : parts) {
            if (sb.length() > 0 && !part.startsWith("[")) {
                sb.append('.');
            }
            sb.append(part);
        }
        return sb.toString();
    }

    /** The dotted path of the value the parser is at, whether it is a scalar or the start of a mapping or list. */
    private static String valuePath(JsonParser p) {
        JsonStreamContext c = p.getParsingContext();
        if (p.currentToken() != null && p.currentToken().isStructStart() && c != null) {
            c = c.getParent();
        }
        return c == null ? "" : keyPath(c);
    }

    /**
     * Turns what Jackson would stop at into problems and reads on: an unknown key is skipped, a value of the wrong
     * type or a record whose constructor refused its values becomes null (its default), so one run finds them all.
     */
    private static final class ProblemCollector extends DeserializationProblemHandler {
        private final ConfigProblems problems;
        private final ExpandingParser parser;

        ProblemCollector(ConfigProblems problems, ExpandingParser parser) {
            this.problems = problems;
            this.parser = parser;
        }

        @Override
        public boolean handleUnknownProperty(DeserializationContext ctxt, JsonParser p, JsonDeserializer<?> deserializer,
                                             Object beanOrClass, String propertyName) throws IOException {
            // a record's unknown keys are buffered and handed over once the record is read: the real parser is then at
            // the record's end, and the buffer's own context knows nothing of where the record is
            String path = p == parser ? valuePath(p) : ConfigProblems.join(valuePath(parser), propertyName);
            if (!path.equals(propertyName) && !path.endsWith("." + propertyName)) {
                path = ConfigProblems.join(path, propertyName);
            }
            Collection<Object> known = deserializer.getKnownPropertyNames();
            String hint = Suggestions.closest(propertyName, known).map(s -> "did you mean '" + s + "'?")
                    .orElse("known keys: " + join(known));
            problems.add(path, null, "unknown key '" + path + "'", hint);
            p.skipChildren();
            return true;
        }

        @Override
        public Object handleWeirdStringValue(DeserializationContext ctxt, Class<?> targetType, String value,
                                             String failureMsg) {
            String path = valuePath(ctxt.getParser());
            String message = targetType == Duration.class ? failureMsg : "expected " + expected(targetType) + ", got '" + value + "'";
            String hint = "$".equals(value) ? "inside { } or [ ], quote a ${VAR} reference: \"${VAR}\"" : null;
            if (!problems.hasExactly(path)) { // a ${VAR} that failed to expand is not also of the wrong type
                problems.add(path, parser.lastTokenLocation, message, hint);
            }
            return null;
        }

        @Override
        public Object handleWeirdNumberValue(DeserializationContext ctxt, Class<?> targetType, Number value,
                                             String failureMsg) {
            problems.add(valuePath(ctxt.getParser()), parser.lastTokenLocation,
                    "expected " + expected(targetType) + ", got " + value, null);
            return null;
        }

        @Override
        public Object handleUnexpectedToken(DeserializationContext ctxt, JavaType targetType, JsonToken t, JsonParser p,
                                            String failureMsg) throws IOException {
            String path = valuePath(p);
            problems.add(path, parser.lastTokenLocation,
                    (path.isEmpty() ? "the file: " : "") + "expected " + expected(targetType.getRawClass()), null);
            p.skipChildren();
            return null;
        }

        @Override
        public Object handleInstantiationProblem(DeserializationContext ctxt, Class<?> instClass, Object argument,
                                                 Throwable t) {
            String path = valuePath(ctxt.getParser());
            Throwable cause = t instanceof JsonMappingException && t.getCause() != null ? t.getCause() : t;
            if (instClass == CheckConfig.class) {
                // a check without name or type still holds its place, so health reports it UNKNOWN and runs the rest
                if (cause instanceof ConfigException c) {
                    problems.addAll(path, c);
                }
                return CheckConfig.unreadable(path);
            }
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
            return null;
        }
    }

    /**
     * Expands environment references in string values as they are read, so errors keep the line and column of the
     * value in the file, and a value such as {@code port: ${PORT:-8080}} still becomes a number.
     */
    private static final class ExpandingParser extends JsonParserDelegate {
        private final EnvExpander expander;
        private final ConfigProblems problems;
        /** Where each key path starts ({@code health.checks[0].url}), for problems found after reading. */
        private final Map<String, JsonLocation> keys;
        private JsonToken expandedFor;
        private String expanded;
        /** Where the last key read at each nesting depth starts, for errors about that key. */
        private final List<JsonLocation> keyLocations = new ArrayList<>();
        private final List<String> keyNames = new ArrayList<>();

        /** The location of the key {@code name} at {@code depth} (1 = top level), or {@code fallback}. */
        JsonLocation keyLocation(int depth, String name, JsonLocation fallback) {
            return depth < keyNames.size() && name.equals(keyNames.get(depth)) ? keyLocations.get(depth) : fallback;
        }
        JsonLocation lastTokenLocation;

        ExpandingParser(JsonParser delegate, EnvExpander expander, ConfigProblems problems, Map<String, JsonLocation> keys) {
            super(delegate);
            this.expander = expander;
            this.problems = problems;
            this.keys = keys;
        }

        private String expandedText() throws IOException {
            if (expandedFor != currentToken() || expanded == null) {
                String raw = delegate.getText();
                try {
                    expanded = raw != null && EnvExpander.hasReference(raw) ? expander.expand(raw) : raw;
                } catch (IllegalArgumentException e) {
                    // the raw text stays; the problem is the reference, not the type it was meant to have
                    problems.add(keyPath(delegate.getParsingContext()), delegate.currentTokenLocation(), e.getMessage(), null);
                    expanded = raw;
                }
                expandedFor = currentToken();
            }
            return expanded;
        }

        @Override
        public JsonToken nextToken() throws IOException {
            expanded = null;
            expandedFor = null;
            JsonToken t = super.nextToken();
            lastTokenLocation = delegate.currentTokenLocation();
            if (t == JsonToken.FIELD_NAME) {
                int depth = delegate.getParsingContext().getNestingDepth();
                while (keyNames.size() > depth) {
                    keyNames.remove(keyNames.size() - 1);
                    keyLocations.remove(keyLocations.size() - 1);
                }
                while (keyNames.size() <= depth) {
                    keyNames.add(null);
                    keyLocations.add(null);
                }
                keyNames.set(depth, delegate.currentName());
                keyLocations.set(depth, delegate.currentTokenLocation());
                String path = keyPath(delegate.getParsingContext());
                if (keys.putIfAbsent(path, delegate.currentTokenLocation()) != null) {
                    problems.add(path, delegate.currentTokenLocation(), "duplicate key '" + delegate.currentName() + "'",
                            "remove one of them");
                }
            } else if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY || (t != null && t.isScalarValue())) {
                JsonStreamContext c = delegate.getParsingContext();
                JsonStreamContext holder = t.isStructStart() ? c.getParent() : c;
                if (holder != null && holder.inArray()) {
                    keys.putIfAbsent(keyPath(holder), delegate.currentTokenLocation());
                }
            }
            return t;
        }

        // JsonParserDelegate sends these straight to the delegate; route them through nextToken() so values are
        // expanded and key locations kept whichever way a deserializer reads.
        @Override
        public String nextFieldName() throws IOException {
            return nextToken() == JsonToken.FIELD_NAME ? currentName() : null;
        }

        @Override
        public boolean nextFieldName(com.fasterxml.jackson.core.SerializableString str) throws IOException {
            return nextToken() == JsonToken.FIELD_NAME && str.getValue().equals(currentName());
        }

        @Override
        public JsonToken nextValue() throws IOException {
            JsonToken t = nextToken();
            return t == JsonToken.FIELD_NAME ? nextToken() : t;
        }

        @Override
        public String nextTextValue() throws IOException {
            return nextToken() == JsonToken.VALUE_STRING ? getText() : null;
        }

        @Override
        public int nextIntValue(int defaultValue) throws IOException {
            return nextToken() == JsonToken.VALUE_NUMBER_INT ? getIntValue() : defaultValue;
        }

        @Override
        public long nextLongValue(long defaultValue) throws IOException {
            return nextToken() == JsonToken.VALUE_NUMBER_INT ? getLongValue() : defaultValue;
        }

        @Override
        public Boolean nextBooleanValue() throws IOException {
            JsonToken t = nextToken();
            return t == JsonToken.VALUE_TRUE ? Boolean.TRUE : t == JsonToken.VALUE_FALSE ? Boolean.FALSE : null;
        }

        @Override
        public String getText() throws IOException {
            return currentToken() == JsonToken.VALUE_STRING ? expandedText() : super.getText();
        }

        @Override
        public String getValueAsString() throws IOException {
            return currentToken() == JsonToken.VALUE_STRING ? expandedText() : super.getValueAsString();
        }

        @Override
        public String getValueAsString(String defaultValue) throws IOException {
            return currentToken() == JsonToken.VALUE_STRING ? expandedText() : super.getValueAsString(defaultValue);
        }

        @Override
        public boolean hasTextCharacters() {
            return currentToken() != JsonToken.VALUE_STRING && super.hasTextCharacters();
        }

        @Override
        public char[] getTextCharacters() throws IOException {
            return currentToken() == JsonToken.VALUE_STRING ? expandedText().toCharArray() : super.getTextCharacters();
        }

        @Override
        public int getTextLength() throws IOException {
            return currentToken() == JsonToken.VALUE_STRING ? expandedText().length() : super.getTextLength();
        }

        @Override
        public int getTextOffset() throws IOException {
            return currentToken() == JsonToken.VALUE_STRING ? 0 : super.getTextOffset();
        }
    }
}
