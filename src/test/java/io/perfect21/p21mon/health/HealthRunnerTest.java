package io.perfect21.p21mon.health;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HealthRunnerTest {
    static HealthCheck check(String name, Callable<HealthCheckResult> body) {
        return new HealthCheck() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String type() {
                return "test";
            }

            @Override
            public HealthCheckResult check() throws Exception {
                return body.call();
            }
        };
    }

    static HealthCheck sleeping(String name, long ms, HealthStatus status) {
        return check(name, () -> {
            Thread.sleep(ms);
            return HealthCheckResult.of("whatever", "x", status, "slept " + ms);
        });
    }

    @Test
    void runsChecksConcurrently() {
        List<HealthCheck> checks = List.of(sleeping("a", 400, HealthStatus.HEALTHY), sleeping("b", 400, HealthStatus.HEALTHY),
                sleeping("c", 400, HealthStatus.HEALTHY), sleeping("d", 400, HealthStatus.HEALTHY));
        long t0 = System.nanoTime();
        HealthReport r = new HealthRunner(checks, Duration.ofSeconds(5)).run();
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertThat(ms).isLessThan(1200);
        assertThat(r.status()).isEqualTo(HealthStatus.HEALTHY);
        assertThat(r.checks()).extracting(HealthCheckResult::name).containsExactly("a", "b", "c", "d");
        assertThat(r.checks()).allSatisfy(c -> assertThat(c.durationMs()).isBetween(350L, 1100L));
    }

    @Test
    void aTimedOutCheckIsUnknownAndDoesNotHoldUpTheRun() {
        List<HealthCheck> checks = List.of(sleeping("slow", 60_000, HealthStatus.HEALTHY), sleeping("fast", 10, HealthStatus.DEGRADED));
        long t0 = System.nanoTime();
        HealthReport r = new HealthRunner(checks, Duration.ofMillis(300)).run();
        assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(1500);
        assertThat(r.check("slow").orElseThrow().status()).isEqualTo(HealthStatus.UNKNOWN);
        assertThat(r.check("slow").orElseThrow().message()).isEqualTo("timed out after 300ms");
        assertThat(r.check("fast").orElseThrow().status()).isEqualTo(HealthStatus.DEGRADED);
        assertThat(r.status()).isEqualTo(HealthStatus.UNKNOWN);
        assertThat(r.exitCode()).isEqualTo(3);
    }

    @Test
    void aCrashingCheckIsUnknownWithItsMessage() {
        HealthReport r = new HealthRunner(List.of(check("boom", () -> {
            throw new IllegalStateException("kaput");
        })), Duration.ofSeconds(1)).run();
        assertThat(r.checks().get(0).status()).isEqualTo(HealthStatus.UNKNOWN);
        assertThat(r.checks().get(0).message()).isEqualTo("check failed: kaput");
    }

    @Test
    void worstStatusRanksUnhealthyThenUnknownThenDegraded() {
        assertThat(HealthStatus.worst(HealthStatus.HEALTHY, HealthStatus.DEGRADED)).isEqualTo(HealthStatus.DEGRADED);
        assertThat(HealthStatus.worst(HealthStatus.UNKNOWN, HealthStatus.DEGRADED)).isEqualTo(HealthStatus.UNKNOWN);
        assertThat(HealthStatus.worst(HealthStatus.UNKNOWN, HealthStatus.UNHEALTHY)).isEqualTo(HealthStatus.UNHEALTHY);
        assertThat(HealthStatus.worst(List.of())).isEqualTo(HealthStatus.HEALTHY);
        assertThat(HealthStatus.UNHEALTHY.nagiosCode()).isEqualTo(2);
        assertThat(HealthStatus.DEGRADED.nagiosLabel()).isEqualTo("WARNING");
    }

    @Test
    void runsASubsetByNameAndRejectsUnknownNames() {
        HealthRunner runner = new HealthRunner(List.of(sleeping("a", 1, HealthStatus.HEALTHY),
                sleeping("b", 1, HealthStatus.UNHEALTHY)), Duration.ofSeconds(1));
        assertThat(runner.run(List.of("a")).checks()).extracting(HealthCheckResult::name).containsExactly("a");
        assertThatThrownBy(() -> runner.run(List.of("zz"))).hasMessage("no health check named 'zz'; checks: a, b");
    }
}
