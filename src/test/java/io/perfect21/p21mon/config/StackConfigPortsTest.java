package io.perfect21.p21mon.config;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code stack.ports}: the defaults merged with the file's, always in the defaults' order ({@code config show}). */
class StackConfigPortsTest {
    @Test
    void portsKeepTheDefaultsOrderWithTheFilesValuesMergedIn() {
        StackConfig c = new StackConfig(null, null, null, Map.of("loki", 3101, "grafana", 3001), null, null, null, null);
        assertThat(List.copyOf(c.ports().keySet())).isEqualTo(List.copyOf(StackConfig.DEFAULT_PORTS.keySet()));
        assertThat(c.ports()).containsEntry("grafana", 3001).containsEntry("loki", 3101).containsEntry("prometheus", 9090);
    }
}
