package io.perfect21.p21mon.metrics;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The pushed job metrics are the {@code [job]} section of metric-names.txt (the names the job alerts use). */
class JobMetricsTest {
    @Test
    void pushedJobMetricsAreTheJobSectionOfTheContract() {
        var run = new JobMetrics.Run("backup", Map.of("success", 3L, "failure", 1L, "timeout", 0L), 12.5, 0, 1.7e9);
        assertThat(MetricNamesGoldenTest.inventory(JobMetrics.snapshots(run), "p21_"))
                .isEqualTo(MetricNames.all().inventory("job"));
        String text = new String(JobMetrics.exposition(run), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(text).contains("p21_job_runs_total{job=\"backup\",result=\"failure\"} 1",
                "p21_job_last_success_timestamp_seconds{job=\"backup\"} 1.7E9", "p21_job_last_exit_code{job=\"backup\"} 0");
    }

    @Test
    void aJobThatNeverSucceededHasNoLastSuccess() {
        var run = new JobMetrics.Run("flaky", Map.of("failure", 2L), 1, 3, null);
        assertThat(new String(JobMetrics.exposition(run), java.nio.charset.StandardCharsets.UTF_8))
                .doesNotContain("p21_job_last_success_timestamp_seconds");
    }
}
