package io.perfect21.p21mon.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigSchemaTest {
    private final JsonNode schema = ConfigSchema.generate();

    @Test
    void everyKeyOfTheExampleConfigIsInTheSchema() throws Exception {
        JsonNode example = new YAMLMapper().readTree(ConfigFiles.example());
        List<String> missing = new ArrayList<>();
        walk("", example, schema, missing);
        assertThat(missing).isEmpty();
        assertThat(example.fieldNames()).toIterable()
                .containsExactlyInAnyOrder("metrics", "tracing", "health", "alerting", "dashboards", "audit", "stack", "slos", "jobs");
    }

    @Test
    void aKeyTheSchemaLacksIsRejectedByTheLoader() {
        assertThat(schema.at("/properties/health/properties/cpu_treshold").isMissingNode()).isTrue();
        assertThatThrownBy(() -> new ConfigLoader(Map.of(), Path.of(".")).parse("health:\n  cpu_treshold: 5\n", "f.yaml"))
                .hasMessageContaining("f.yaml:2:3:").hasMessageContaining("did you mean 'cpu_threshold'");
    }

    @Test
    void durationsAndRenamedKeysAreDescribed() {
        assertThat(schema.at("/properties/health/properties/timeout/pattern").asText()).isEqualTo(ConfigSchema.DURATION_PATTERN);
        assertThat("30s").matches(ConfigSchema.DURATION_PATTERN);
        assertThat("1h30m").matches(ConfigSchema.DURATION_PATTERN);
        assertThat("soon").doesNotMatch(ConfigSchema.DURATION_PATTERN);
        assertThat(schema.at("/properties/jobs/items/properties/notify/type").asText()).isEqualTo("boolean");
        assertThat(schema.at("/properties/health/properties/checks/items/required").toString()).contains("name", "type");
    }

    private static void walk(String path, JsonNode value, JsonNode schema, List<String> missing) {
        if (value.isObject()) {
            JsonNode props = schema.get("properties");
            value.properties().forEach(e -> {
                JsonNode sub = props != null ? props.get(e.getKey()) : schema.get("additionalProperties");
                if (sub == null || sub.isBoolean()) {
                    if (sub == null || !sub.asBoolean()) {
                        missing.add(path + "." + e.getKey());
                    }
                } else {
                    walk(path + "." + e.getKey(), e.getValue(), sub, missing);
                }
            });
        } else if (value.isArray() && schema.has("items")) {
            value.forEach(item -> walk(path + "[]", item, schema.get("items"), missing));
        }
    }

}
