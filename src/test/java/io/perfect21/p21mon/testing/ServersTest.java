package io.perfect21.p21mon.testing;

import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The fixture's rules for missing binaries: fail in CI, skip elsewhere, always naming the Debian package. */
class ServersTest {

    @Test
    void missingBinaryFailsInCiNamingThePackage() {
        assertThatThrownBy(() -> Servers.binary(Map.of("PATH", "/nonexistent", "CI", "true"), "amtool"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("apt-get install --no-install-recommends prometheus-alertmanager")
                .hasMessageContaining("CI=true");
    }

    @Test
    void missingBinarySkipsOutsideCi() {
        assertThatThrownBy(() -> Servers.binary(Map.of("PATH", "/nonexistent"), "prometheus-node-exporter", "node_exporter"))
                .isInstanceOf(TestAbortedException.class)
                .hasMessageContaining("prometheus-node-exporter");
    }

    @Test
    void debianPackagesOfTheRenamedBinaries() {
        assertThat(Servers.debianPackage("promtool")).isEqualTo("prometheus");
        assertThat(Servers.debianPackage("amtool")).isEqualTo("prometheus-alertmanager");
        assertThat(Servers.debianPackage("node_exporter")).isEqualTo("prometheus-node-exporter");
        assertThat(Servers.debianPackage("pushgateway")).isEqualTo("prometheus-pushgateway");
        assertThat(Servers.debianPackage("initdb")).isEqualTo("postgresql");
        assertThat(Servers.debianPackage("docker-compose")).isEqualTo("docker-compose");
    }

    @Test
    void zombieOrVanishedProcessCountsAsStopped() {
        assertThat(Processes.isZombie(Long.MAX_VALUE)).isTrue();
        assertThat(Processes.isZombie(ProcessHandle.current().pid())).isFalse();
        assertThat(Processes.isRunning(ProcessHandle.current())).isTrue();
    }
}
