package io.perfect21.p21mon.metrics;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code p21_job_*} families of {@code p21mon run} (section {@code [job]} of {@code metric-names.txt}): runs by
 * result (a counter carried across runs by the caller), the last run's duration and exit code, and the time of the
 * last success (left out when the job never succeeded).
 *
 * <pre>{@code
 * byte[] body = JobMetrics.exposition(new JobMetrics.Run("backup", Map.of("success", 3L, "failure", 1L), 12.5, 0, 1.7e9));
 * }</pre>
 */
public final class JobMetrics {
    /** One run's values: runs so far by result, duration in seconds, exit code, last success in epoch seconds (or null). */
    public record Run(String job, Map<String, Long> runsByResult, double durationSeconds, int exitCode,
                      Double lastSuccessEpochSeconds) {
    }

    private JobMetrics() {
    }

    /** The families as client-library snapshots. */
    public static MetricSnapshots snapshots(Run r) {
        Families f = new Families(Labels.EMPTY);
        List<MetricSnapshot> out = new ArrayList<>();
        Families.Family runs = f.counter("p21_job_runs", "Runs of the job by result (success, failure, timeout).");
        r.runsByResult().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> runs.point(e.getValue(), "job", r.job(), "result", e.getKey()));
        runs.add(out);
        f.gauge("p21_job_duration_seconds", "Wall time of the job's last run.").point(r.durationSeconds(), "job", r.job())
                .add(out);
        f.gauge("p21_job_last_exit_code", "Exit code of the job's last run (124: timed out, 128+n: killed by signal n).")
                .point(r.exitCode(), "job", r.job()).add(out);
        if (r.lastSuccessEpochSeconds() != null) {
            f.gauge("p21_job_last_success_timestamp_seconds", "When the job last succeeded, in Unix seconds.")
                    .point(r.lastSuccessEpochSeconds(), "job", r.job()).add(out);
        }
        return new MetricSnapshots(out);
    }

    /** The text exposition (format 0.0.4) to push. */
    public static byte[] exposition(Run r) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        try {
            PrometheusTextFormatWriter.create().write(body, snapshots(r));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return body.toByteArray();
    }
}
