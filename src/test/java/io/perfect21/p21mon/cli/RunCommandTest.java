package io.perfect21.p21mon.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import io.perfect21.p21mon.Json;
import io.perfect21.p21mon.testing.Cli;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code p21mon run} through the real wiring: a command that cannot start gets the shell's exit codes and words, no
 * Java exception text, and is recorded like any other failure (an error span, an audit event); the span of a failed
 * job is exported whatever the sampling ratio (to the span file and to an OTLP/HTTP receiver that decodes the
 * protobuf request), and it covers the job's whole duration.
 */
class RunCommandTest {
    @TempDir
    Path dir;

    @StartStop
    final MockWebServer otlp = new MockWebServer();

    private Cli cli() throws Exception {
        Files.writeString(dir.resolve("p21mon.yaml"), "tracing: {file_output: traces.jsonl, sampling_rate: 0.0}\n");
        return Cli.in(dir);
    }

    private List<JsonNode> spans() throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve("traces.jsonl"))) {
            out.add(Json.mapper().readTree(line));
        }
        return out;
    }

    @Test
    void aMissingCommandIs127CommandNotFoundAndIsRecordedAsAFailedRun() throws Exception {
        Cli.Result r = cli().run("run", "--name", "nightly", "--", "nosuchcmd-p21", "--flag");
        assertThat(r.code()).as(r.toString()).isEqualTo(127);
        assertThat(r.err()).isEqualTo("p21mon: run: nosuchcmd-p21: command not found\n");
        assertThat(r.out()).isEmpty();

        JsonNode span = spans().get(0);
        assertThat(span.path("name").asText()).isEqualTo("run nightly");
        assertThat(span.path("status").asText()).isEqualTo("ERROR");
        assertThat(span.path("status_message").asText()).isEqualTo("command not found");
        assertThat(span.path("attributes").path("process.exit_code").asInt()).isEqualTo(127);

        Cli.Result q = Cli.in(dir).run("audit", "query", "--type", "agent_execution", "-o", "json");
        assertThat(q.code()).as(q.toString()).isZero();
        assertThat(q.out()).contains("\"nightly\"", "\"failure\"", "\"exit_code\":127", "\"message\":\"command not found\"");
    }

    @Test
    void aFileThatIsNotExecutableIs126PermissionDenied() throws Exception {
        Path script = Files.writeString(dir.resolve("job.sh"), "#!/bin/sh\nexit 0\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rw-r--r--"));
        Cli.Result r = cli().run("run", "--no-audit", "--", "./job.sh");
        assertThat(r.code()).as(r.toString()).isEqualTo(126);
        assertThat(r.err()).isEqualTo("p21mon: run: ./job.sh: permission denied\n");
        assertThat(spans().get(0).path("status_message").asText()).isEqualTo("permission denied");
    }

    @Test
    void aDirectoryIs126IsADirectoryAndAMissingPathIs127() throws Exception {
        Files.createDirectories(dir.resolve("jobs"));
        Cli.Result r = cli().run("run", "--no-audit", "--", "./jobs");
        assertThat(r.code()).as(r.toString()).isEqualTo(126);
        assertThat(r.err()).isEqualTo("p21mon: run: ./jobs: is a directory\n");

        r = cli().run("run", "--no-audit", "--", "/no/such/job");
        assertThat(r.code()).as(r.toString()).isEqualTo(127);
        assertThat(r.err()).isEqualTo("p21mon: run: /no/such/job: no such file or directory\n");
    }

    @Test
    void aNameFoundOnlyWithoutItsExecuteBitInPathIs126() throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Files.writeString(bin.resolve("halfjob"), "#!/bin/sh\nexit 0\n");
        Cli.Result r = cli().env("PATH", bin + ":/usr/bin:/bin").run("run", "--no-audit", "--", "halfjob");
        assertThat(r.code()).as(r.toString()).isEqualTo(126);
        assertThat(r.err()).isEqualTo("p21mon: run: halfjob: permission denied\n");
    }

    @Test
    void aJobThatItselfExits127IsNotReportedAsMissing() throws Exception {
        Cli.Result r = cli().run("run", "--no-audit", "--", "sh", "-c", "exit 127");
        assertThat(r.code()).isEqualTo(127);
        assertThat(r.err()).doesNotContain("command not found");
        assertThat(spans().get(0).path("status_message").asText()).isEqualTo("exited 127");
    }

    private List<Span> exported(RecordedRequest r) throws Exception {
        assertThat(r.getUrl().encodedPath()).isEqualTo("/v1/traces");
        List<Span> spans = new ArrayList<>();
        for (ResourceSpans rs : ExportTraceServiceRequest.parseFrom(r.getBody().toByteArray()).getResourceSpansList()) {
            for (ScopeSpans ss : rs.getScopeSpansList()) {
                spans.addAll(ss.getSpansList());
            }
        }
        return spans;
    }

    @Test
    void aFailedJobUnderSamplingRateZeroStillProducesItsSpanInTheFileAndOverOtlp() throws Exception {
        otlp.enqueue(new MockResponse.Builder().code(200).build());
        Files.writeString(dir.resolve("p21mon.yaml"), "tracing: {file_output: traces.jsonl, sampling_rate: 0.0, "
                + "otlp_endpoint: '" + otlp.url("/") + "'}\n");
        Cli.Result ok = Cli.in(dir).run("run", "--no-audit", "--name", "fine", "--", "true");
        assertThat(ok.code()).as(ok.toString()).isZero();
        assertThat(dir.resolve("traces.jsonl")).as("a successful job is sampled by the ratio: none").doesNotExist();
        assertThat(otlp.getRequestCount()).isZero();

        Cli.Result failed = Cli.in(dir).run("run", "--no-audit", "--name", "broken", "--", "sh", "-c", "sleep 0.2; exit 3");
        assertThat(failed.code()).as(failed.toString()).isEqualTo(3);
        List<JsonNode> spans = spans();
        assertThat(spans).hasSize(1);
        JsonNode span = spans.get(0);
        assertThat(span.path("name").asText()).isEqualTo("run broken");
        assertThat(span.path("status").asText()).isEqualTo("ERROR");
        assertThat(span.path("status_message").asText()).isEqualTo("exited 3");
        assertThat(span.path("attributes").path("sampling.ratio").asDouble()).isEqualTo(0.0);
        assertThat(span.path("attributes").path("sampling.keep_errors").asBoolean()).isTrue();
        double jobMillis = span.path("attributes").path("job.duration_seconds").asDouble() * 1000;
        assertThat(jobMillis).isGreaterThanOrEqualTo(200);
        assertThat(span.path("duration_ms").asDouble()).as("the span covers the job").isGreaterThanOrEqualTo(jobMillis)
                .isLessThan(jobMillis + 1000);

        Span sent = exported(otlp.takeRequest(10, TimeUnit.SECONDS)).stream()
                .filter(x -> x.getName().equals("run broken")).findFirst().orElseThrow();
        assertThat(HexFormat.of().formatHex(sent.getSpanId().toByteArray())).isEqualTo(span.path("span_id").asText());
        assertThat(HexFormat.of().formatHex(sent.getTraceId().toByteArray())).isEqualTo(span.path("trace_id").asText());
        assertThat(sent.getStatus().getCode()).isEqualTo(Status.StatusCode.STATUS_CODE_ERROR);
    }

    @Test
    void aTimedOutJobIsKeptAndKeepErrorsFalseLetsTheRatioDropFailuresToo() throws Exception {
        Files.writeString(dir.resolve("p21mon.yaml"), "tracing: {file_output: traces.jsonl, sampling_rate: 0.0}\n");
        Cli.Result r = Cli.in(dir).run("run", "--no-audit", "--name", "slow", "--timeout", "300ms", "--", "sleep", "30");
        assertThat(r.code()).as(r.toString()).isEqualTo(124);
        assertThat(spans()).singleElement().satisfies(s -> {
            assertThat(s.path("name").asText()).isEqualTo("run slow");
            assertThat(s.path("attributes").path("job.result").asText()).isEqualTo("timeout");
        });

        Files.delete(dir.resolve("traces.jsonl"));
        Files.writeString(dir.resolve("p21mon.yaml"),
                "tracing: {file_output: traces.jsonl, sampling_rate: 0.0, keep_errors: false}\n");
        r = Cli.in(dir).run("run", "--no-audit", "--", "sh", "-c", "exit 5");
        assertThat(r.code()).isEqualTo(5);
        assertThat(dir.resolve("traces.jsonl")).doesNotExist();
    }
}
