package io.perfect21.p21mon;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdScalarSerializer;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.perfect21.p21mon.config.Durations;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;

/**
 * The shared Jackson mappers (each costs hundreds of milliseconds to build cold, so they are built once, lazily).
 * Names are snake_case, durations are written as {@code 30s}, instants as ISO-8601 UTC. The JSON mapper ignores
 * unknown fields, as fits servers' answers. (The configuration loader uses neither: it binds p21mon.yaml with
 * {@code config.ConfigBinder} over the streaming parser, so reading it loads no databind class.)
 */
public final class Json {
    private Json() {
    }

    /** JSON: snake_case, lenient about unknown fields. */
    public static ObjectMapper mapper() {
        return JsonHolder.MAPPER;
    }

    /** YAML for output: block style, minimal quoting, no document marker. */
    public static ObjectMapper yaml() {
        return YamlHolder.MAPPER;
    }

    /** The module every p21mon mapper registers: durations and instants as operators write them. */
    public static SimpleModule module() {
        SimpleModule m = new SimpleModule("p21mon");
        m.addSerializer(Duration.class, new DurationSerializer());
        m.addDeserializer(Duration.class, new DurationDeserializer());
        m.addSerializer(Instant.class, new InstantSerializer());
        m.addDeserializer(Instant.class, new InstantDeserializer());
        return m;
    }

    /** Applies the naming and features every p21mon mapper shares. */
    public static <M extends ObjectMapper> M configure(M mapper) {
        mapper.registerModule(module());
        mapper.setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
        mapper.disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
        mapper.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        return mapper;
    }

    private static final class JsonHolder {
        static final ObjectMapper MAPPER = configure(JsonMapper.builder().build());
    }

    private static final class YamlHolder {
        static final ObjectMapper MAPPER = configure(new YAMLMapper(YAMLFactory.builder()
                .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
                .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
                .build()));
    }

    private static final class DurationSerializer extends StdScalarSerializer<Duration> {
        private static final long serialVersionUID = 1L;

        DurationSerializer() {
            super(Duration.class);
        }

        @Override
        public void serialize(Duration value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeString(Durations.format(value));
        }
    }

    private static final class DurationDeserializer extends StdScalarDeserializer<Duration> {
        private static final long serialVersionUID = 1L;

        DurationDeserializer() {
            super(Duration.class);
        }

        @Override
        public Duration deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            JsonToken t = p.currentToken();
            if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT
                    || t == JsonToken.VALUE_STRING) {
                try {
                    return Durations.parse(p.getText());
                } catch (IllegalArgumentException e) {
                    return (Duration) ctxt.handleWeirdStringValue(Duration.class, p.getText(), e.getMessage());
                }
            }
            return (Duration) ctxt.handleUnexpectedToken(Duration.class, p);
        }
    }

    private static final class InstantSerializer extends StdScalarSerializer<Instant> {
        private static final long serialVersionUID = 1L;

        InstantSerializer() {
            super(Instant.class);
        }

        @Override
        public void serialize(Instant value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeString(value.toString());
        }
    }

    private static final class InstantDeserializer extends StdScalarDeserializer<Instant> {
        private static final long serialVersionUID = 1L;

        InstantDeserializer() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            try {
                return Instant.parse(p.getText());
            } catch (RuntimeException e) {
                return (Instant) ctxt.handleWeirdStringValue(Instant.class, p.getText(), "not an ISO-8601 instant");
            }
        }
    }
}
