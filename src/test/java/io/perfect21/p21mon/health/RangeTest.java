package io.perfect21.p21mon.health;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RangeTest {
    @ParameterizedTest(name = "{0} alerts on {1}: {2}")
    @CsvSource({
        "10, -1, true", "10, 0, false", "10, 10, false", "10, 10.001, true",
        "10:, 9.99, true", "10:, 10, false", "10:, 1e9, false",
        "~:10, -1e9, false", "~:10, 10, false", "~:10, 11, true",
        "10:20, 9, true", "10:20, 10, false", "10:20, 20, false", "10:20, 21, true",
        "@10:20, 9, false", "@10:20, 10, true", "@10:20, 20, true", "@10:20, 21, false",
    })
    void followsTheMonitoringPluginsGrammarAtItsBoundaries(String range, double value, boolean alerts) {
        assertThat(Range.parse(range).alerts(value)).isEqualTo(alerts);
    }

    @Test
    void rejectsWhatIsNotARange() {
        assertThatThrownBy(() -> Range.parse("ten")).hasMessageContaining("'ten' is not a threshold range");
        assertThatThrownBy(() -> Range.parse("20:10")).hasMessageContaining("start is greater than end");
        assertThatThrownBy(() -> Range.parse("1:2:3")).hasMessageContaining("is not a threshold range");
    }

    @Test
    void criticalWinsOverWarning() {
        Thresholds t = Thresholds.parse("100", "500");
        assertThat(t.status(50)).isEqualTo(HealthStatus.HEALTHY);
        assertThat(t.status(100.5)).isEqualTo(HealthStatus.DEGRADED);
        assertThat(t.status(501)).isEqualTo(HealthStatus.UNHEALTHY);
    }
}
