package io.perfect21.p21mon.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.perfect21.p21mon.Json;
import io.perfect21.p21mon.testing.Cli;
import io.perfect21.p21mon.testing.RealServer;
import io.perfect21.p21mon.testing.Servers;
import io.perfect21.p21mon.tracing.TraceContext;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code p21mon run} as a real process (its stdio is the JVM's own, so it cannot run in-process): exit codes passed
 * through, output unchanged and unbuffered, TRACEPARENT handed to the job, the span flushed on SIGTERM, the job metrics
 * on a real Pushgateway, the audit event, the alert, and telemetry failures that never change the exit code.
 */
class RunCommandIT {
    static RealServer pushgateway;

    @TempDir
    Path dir;

    @StartStop
    final MockWebServer webhook = new MockWebServer();

    @BeforeAll
    static void start() {
        pushgateway = Servers.pushgateway();
    }

    @AfterAll
    static void stop() {
        pushgateway.close();
    }

    private ProcessBuilder p21mon(Map<String, String> env, String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto", "-cp", System.getProperty("java.class.path"),
                P21mon.class.getName()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
        pb.environment().remove("TRACEPARENT");
        pb.environment().remove("P21MON_CONFIG");
        pb.environment().put("HOME", dir.resolve("home").toString());
        pb.environment().put("XDG_STATE_HOME", dir.resolve("state").toString());
        pb.environment().putAll(env);
        return pb;
    }

    private record Ran(int code, String out, String err) {
    }

    private Ran run(Map<String, String> env, String... args) throws Exception {
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        Process p = p21mon(env, args).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("p21mon run ended").isTrue();
        return new Ran(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    private void config(String yaml) throws Exception {
        Files.writeString(dir.resolve("p21mon.yaml"), yaml);
    }

    private List<JsonNode> spans() throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve("traces.jsonl"))) {
            out.add(Json.mapper().readTree(line));
        }
        return out;
    }

    @Test
    void exitCodesPassThroughAsCoreutilsTimeoutDoes() throws Exception {
        assertThat(run(Map.of(), "run", "--no-audit", "--", "sh", "-c", "exit 3").code()).isEqualTo(3);
        assertThat(run(Map.of(), "run", "--no-audit", "--", "true").code()).isZero();
        assertThat(run(Map.of(), "run", "--no-audit", "--", "sh", "-c", "kill -TERM $$").code()).isEqualTo(128 + 15);
        assertThat(run(Map.of(), "run", "--no-audit", "--", "sh", "-c", "kill -KILL $$").code()).isEqualTo(128 + 9);
        Ran timeout = run(Map.of(), "run", "--no-audit", "--timeout", "1s", "--", "sleep", "60");
        assertThat(timeout.code()).isEqualTo(124);
        assertThat(timeout.err()).contains("p21mon: run: sleep: timed out after 1s");
        Ran missing = run(Map.of(), "run", "--no-audit", "--", "nosuchcmd");
        assertThat(missing.code()).isEqualTo(127);
        assertThat(missing.err()).isEqualTo("p21mon: run: nosuchcmd: command not found\n");
        Ran path = run(Map.of(), "run", "--no-audit", "--", "/no/such/command");
        assertThat(path.code()).isEqualTo(127);
        assertThat(path.err()).isEqualTo("p21mon: run: /no/such/command: no such file or directory\n");
        Files.writeString(dir.resolve("job.sh"), "#!/bin/sh\nexit 0\n");
        Ran denied = run(Map.of(), "run", "--no-audit", "--", "./job.sh");
        assertThat(denied.code()).isEqualTo(126);
        assertThat(denied.err()).isEqualTo("p21mon: run: ./job.sh: permission denied\n");
        Ran none = run(Map.of(), "run");
        assertThat(none.code()).isEqualTo(125);
        assertThat(none.err()).contains("Missing required parameter: 'CMD'");
        Ran badTimeout = run(Map.of(), "run", "--timeout", "soon", "--", "true");
        assertThat(badTimeout.code()).isEqualTo(125);
        assertThat(badTimeout.err()).contains("--timeout 'soon'");
    }

    @Test
    void tenMegabytesOfOutputPassUnchanged() throws Exception {
        String job = "i=0; while [ $i -lt 190000 ]; do echo \"line $i: 0123456789abcdef0123456789abcdef0123456789ab\"; "
                + "i=$((i+1)); done";
        Path direct = dir.resolve("direct.txt");
        new ProcessBuilder("sh", "-c", job).redirectOutput(direct.toFile()).start().waitFor();
        Ran ran = run(Map.of(), "run", "--no-audit", "--", "sh", "-c", job);
        assertThat(ran.code()).isZero();
        assertThat(Files.size(direct)).isGreaterThan(10L * 1024 * 1024);
        assertThat(sha256(ran.out().getBytes(StandardCharsets.UTF_8))).isEqualTo(sha256(Files.readAllBytes(direct)));
    }

    @Test
    void outputIsNotBufferedByP21mon() throws Exception {
        Path go = dir.resolve("go");
        Process p = p21mon(Map.of(), "run", "--no-audit", "--", "sh", "-c",
                "echo first; while [ ! -e go ]; do sleep 0.05; done; echo second").start();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            // the job waits for 'go' after its first line: that line can only arrive if nothing holds it back
            assertThat(r.readLine()).isEqualTo("first");
            Files.createFile(go);
            assertThat(r.readLine()).isEqualTo("second");
        }
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
    }

    @Test
    void theJobSeesATraceparentOfItsOwnSpanInTheCallersTrace() throws Exception {
        config("tracing: {file_output: traces.jsonl, sampling_rate: 1}\n");
        String incoming = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        Ran ran = run(Map.of("TRACEPARENT", incoming), "run", "--no-audit", "--name", "step", "--", "sh", "-c",
                "echo \"$TRACEPARENT\" > seen; exit 3");
        assertThat(ran.code()).isEqualTo(3);
        TraceContext seen = TraceContext.parse(Files.readString(dir.resolve("seen")).strip(), null);
        assertThat(seen).isNotNull();
        JsonNode span = spans().get(0);
        assertThat(span.path("name").asText()).isEqualTo("run step");
        assertThat(span.path("trace_id").asText()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736").isEqualTo(seen.traceId());
        assertThat(span.path("span_id").asText()).isEqualTo(seen.spanId());
        assertThat(span.path("parent_id").asText()).isEqualTo("00f067aa0ba902b7");
        assertThat(span.path("status").asText()).isEqualTo("ERROR");
        assertThat(span.path("attributes").path("process.exit_code").asInt()).isEqualTo(3);
        assertThat(span.path("attributes").path("process.command_line").asText()).startsWith("sh -c echo");
        assertThat(span.path("attributes").path("host.name").asText()).isNotBlank();
    }

    @Test
    void withoutTracingNoOpenTelemetryClassIsLoadedAndTheJobStillGetsATraceparent() throws Exception {
        Path log = dir.resolve("classes.log");
        // the same process builder (its HOME and XDG_STATE_HOME are the test's, never the user's), one JVM flag more
        ProcessBuilder pb = p21mon(Map.of(), "run", "--no-audit", "--", "sh", "-c", "echo \"$TRACEPARENT\" > seen");
        pb.command().add(1, "-Xlog:class+load=info:file=" + log);
        Process p = pb.start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        assertThat(TraceContext.parse(Files.readString(dir.resolve("seen")).strip(), null)).isNotNull();
        assertThat(Files.readString(log)).contains("io.perfect21.p21mon.tracing.NoopTracing")
                .doesNotContain("io.opentelemetry");
    }

    @Test
    void sigtermStopsTheJobAndStillFlushesItsSpan() throws Exception {
        config("tracing: {file_output: traces.jsonl, sampling_rate: 1}\n");
        Process p = p21mon(Map.of(), "run", "--no-audit", "--name", "long", "--", "sh", "-c",
                "echo $$ > pid; touch started; exec sleep 60").start();
        for (int i = 0; i < 600 && !Files.exists(dir.resolve("started")); i++) {
            Thread.sleep(50);
        }
        assertThat(dir.resolve("started")).exists();
        p.destroy(); // SIGTERM to p21mon, as Ctrl-C's SIGINT does: the same shutdown hook
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        long jobPid = Long.parseLong(Files.readString(dir.resolve("pid")).strip());
        assertThat(ProcessHandle.of(jobPid).map(ProcessHandle::isAlive).orElse(false)).as("job stopped").isFalse();
        JsonNode span = spans().get(0);
        assertThat(span.path("name").asText()).isEqualTo("run long");
        assertThat(span.path("attributes").path("job.interrupted").asBoolean()).isTrue();
    }

    @Test
    void jobMetricsReachARealPushgatewayAndAFailureKeepsTheLastSuccess() throws Exception {
        assertThat(run(Map.of(), "run", "--no-audit", "--name", "nightly", "--push", pushgateway.baseUrl(), "--",
                "true").code()).isZero();
        assertThat(run(Map.of(), "run", "--no-audit", "--name", "nightly", "--push", pushgateway.baseUrl(), "--",
                "sh", "-c", "exit 3").code()).isEqualTo(3);
        String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(pushgateway.baseUrl() + "/metrics"))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
        List<String> job = metrics.lines().filter(l -> l.startsWith("p21_job_")).toList();
        assertThat(job).anySatisfy(l -> assertThat(l).matches("p21_job_runs_total\\{.*job=\"nightly\".*result=\"success\"\\} 1"));
        assertThat(job).anySatisfy(l -> assertThat(l).matches("p21_job_runs_total\\{.*job=\"nightly\".*result=\"failure\"\\} 1"));
        assertThat(job).anySatisfy(l -> assertThat(l).matches("p21_job_last_exit_code\\{.*job=\"nightly\".*\\} 3"));
        assertThat(job).anySatisfy(l -> assertThat(l).matches("p21_job_duration_seconds\\{.*job=\"nightly\".*\\} .+"));
        assertThat(job).anySatisfy(l -> assertThat(l).matches("p21_job_last_success_timestamp_seconds\\{.*job=\"nightly\".*\\} \\d.*"));
    }

    @Test
    void theAuditLogHoldsTheEventAndAFailureAlerts() throws Exception {
        webhook.enqueue(new MockResponse.Builder().code(200).build());
        config("alerting: {webhook: {url: '" + webhook.url("/hook") + "'}}\n");
        assertThat(run(Map.of(), "run", "--name", "backup", "--notify", "--", "sh", "-c", "exit 4").code()).isEqualTo(4);
        Cli.Result q = Cli.in(dir).run("audit", "query", "--type", "agent_execution", "-o", "json",
                "--state-dir", dir.resolve("state/p21mon").toString()); // the run's XDG_STATE_HOME holds the log
        assertThat(q.code()).as(q.err()).isZero();
        JsonNode events = Json.mapper().readTree(q.out());
        JsonNode e = events.isArray() ? events.get(0) : events.path("records").get(0);
        assertThat(e.toString()).contains("\"agent_execution\"", "\"backup\"", "\"failure\"", "\"exit_code\":4");
        String alert = webhook.takeRequest(10, TimeUnit.SECONDS).getBody().utf8();
        assertThat(alert).contains("JobFailed", "\"job\":\"backup\"", "firing");
    }

    @Test
    void telemetryFailuresAreWarningsAndNeverChangeTheExitCode() throws Exception {
        Files.writeString(dir.resolve("blocked"), "a file where the audit directory should be");
        config("audit: {dir: blocked/audit}\nalerting: {webhook: {url: 'http://127.0.0.1:" + Servers.freePort() + "/x'}}\n"
                + "tracing: {otlp_endpoint: 'http://127.0.0.1:" + Servers.freePort() + "', sampling_rate: 1}\n");
        Ran ran = run(Map.of(), "run", "--name", "fragile", "--notify", "--push", "http://127.0.0.1:" + Servers.freePort(),
                "--", "sh", "-c", "exit 7");
        assertThat(ran.code()).isEqualTo(7);
        assertThat(ran.err()).contains("p21mon: run: fragile: push: POST http://127.0.0.1:",
                "p21mon: run: fragile: audit: ", "p21mon: tracing: could not export 1 span(s)");
        assertThat(ran.err()).containsPattern("notify: .*(spool|127\\.0\\.0\\.1)");
        assertThat(ran.out()).isEmpty();
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
