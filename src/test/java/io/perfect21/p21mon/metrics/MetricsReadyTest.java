package io.perfect21.p21mon.metrics;

import io.perfect21.p21mon.config.ConfigLoader;
import io.perfect21.p21mon.config.P21monConfig;
import io.perfect21.p21mon.health.HealthChecks;
import io.perfect21.p21mon.health.HealthContext;
import io.perfect21.p21mon.health.HealthService;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /-/ready} means every family the configuration enables is served with its first values: with a health check
 * that takes about 2 s, the first 200 of {@code /-/ready} is followed by a {@code /metrics} holding every family of
 * the golden list ({@link MetricNames}, section {@code exporter}), while {@code /-/healthy} answers from the start.
 */
class MetricsReadyTest {
    static final OkHttpClient HTTP = new OkHttpClient.Builder().callTimeout(10, TimeUnit.SECONDS).build();

    @TempDir
    Path dir;

    @Test
    void readyOnlyOnceEveryEnabledFamilyIsServed() throws Exception {
        try (Git git = Git.init().setDirectory(dir.resolve("repo").toFile()).call()) {
            Files.writeString(dir.resolve("repo/a.txt"), "a\n");
            git.add().addFilepattern("a.txt").call();
            git.commit().setMessage("first").setAuthor("t", "t@example.com").setCommitter("t", "t@example.com")
                    .setSign(false).call();
        }
        P21monConfig config = new ConfigLoader(Map.of(), dir).parse("""
                metrics: {git_repos: [repo]}
                health:
                  checks:
                    - {name: slow, type: command, command: "sleep 2; echo OK"}
                """, "p21mon.yaml");
        HealthContext context = new HealthContext(config, Optional.empty(), FakeHostProbe::new, Map.of(), dir,
                dir.resolve("state"));
        MetricsService service = new MetricsService(config, FakeHostProbe::new, Clock.systemUTC(), dir,
                () -> new HealthService(context, HealthChecks.standard(), Clock.systemUTC()).runner());
        List<Integer> readyCodes = new ArrayList<>();
        boolean healthyBeforeReady = false;
        try (MetricsService.Running running = service.serve(new Listen("127.0.0.1", 0), WebConfig.none())) {
            String base = running.server().url();
            long deadline = System.currentTimeMillis() + 20_000;
            while (System.currentTimeMillis() < deadline) {
                int code = status(base + "/-/ready");
                readyCodes.add(code);
                if (code == 200) {
                    break;
                }
                healthyBeforeReady |= status(base + "/-/healthy") == 200;
                Thread.sleep(20);
            }
            assertThat(readyCodes).as("/-/ready answers").endsWith(200).contains(503);
            assertThat(healthyBeforeReady).as("/-/healthy answers while not ready").isTrue();
            String metrics = body(base + "/metrics");
            List<String> missing = new ArrayList<>();
            for (MetricNames.Family f : MetricNames.all().families("exporter")) {
                if (!Pattern.compile("(?m)^" + Pattern.quote(f.name()) + "[{ ]").matcher(metrics).find()) {
                    missing.add(f.name());
                }
            }
            assertThat(missing).as("families missing from the first /metrics after ready").isEmpty();
            assertThat(metrics).contains("p21_health_check_status{check=\"slow\",type=\"command\"} 0");
        }
    }

    static int status(String url) throws Exception {
        try (Response r = HTTP.newCall(new Request.Builder().url(url).build()).execute()) {
            return r.code();
        }
    }

    static String body(String url) throws Exception {
        try (Response r = HTTP.newCall(new Request.Builder().url(url).build()).execute()) {
            assertThat(r.code()).isEqualTo(200);
            return r.body().string();
        }
    }
}
