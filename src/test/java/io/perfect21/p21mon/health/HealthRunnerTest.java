package io.perfect21.p21mon.health;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;

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
    @Timeout(60) // a hang guard only: a sequential runner fails on the barrier, not on the clock
    void runsChecksConcurrently() {
        // Each check waits at a barrier for all four: they can only pass it if they run at the same time. A runner
        // that ran them one by one would leave the first check waiting until the barrier gives up (then: unknown).
        CyclicBarrier allRunning = new CyclicBarrier(4);
        List<HealthCheck> checks = new ArrayList<>();
        for (String name : List.of("a", "b", "c", "d")) {
            checks.add(check(name, () -> {
                allRunning.await(20, TimeUnit.SECONDS);
                return HealthCheckResult.of("whatever", "x", HealthStatus.HEALTHY, "met the others");
            }));
        }
        HealthReport r = new HealthRunner(checks, Duration.ofSeconds(40)).run();
        assertThat(r.checks()).extracting(HealthCheckResult::message).containsOnly("met the others");
        assertThat(r.status()).isEqualTo(HealthStatus.HEALTHY);
        assertThat(r.checks()).extracting(HealthCheckResult::name).containsExactly("a", "b", "c", "d");
        // each check's duration is its own; the run's covers them all
        assertThat(r.checks()).allSatisfy(c -> assertThat(c.durationMs()).isBetween(0L, r.durationMs()));
    }

    @Test
    @Timeout(60) // a hang guard only: the slow check never ends by itself, so returning at all is the point
    void aTimedOutCheckIsUnknownAndDoesNotHoldUpTheRun() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        HealthCheck hung = check("slow", () -> {
            try {
                never.await();
            } catch (InterruptedException e) {
                interrupted.countDown();
                throw e;
            }
            return HealthCheckResult.of("whatever", "x", HealthStatus.HEALTHY, "cannot happen");
        });
        List<HealthCheck> checks = List.of(hung, check("fast", () -> HealthCheckResult.of("whatever", "x",
                HealthStatus.DEGRADED, "quick")));
        HealthReport r = new HealthRunner(checks, Duration.ofMillis(300)).run();
        assertThat(r.check("slow").orElseThrow().status()).isEqualTo(HealthStatus.UNKNOWN);
        assertThat(r.check("slow").orElseThrow().message()).isEqualTo("timed out after 300ms");
        assertThat(r.check("fast").orElseThrow().status()).isEqualTo(HealthStatus.DEGRADED);
        assertThat(r.status()).isEqualTo(HealthStatus.UNKNOWN);
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(interrupted.await(30, TimeUnit.SECONDS)).as("the timed-out check's thread was interrupted").isTrue();
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
