package io.perfect21.p21mon.metrics;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PromqlTest {
    @Test
    void namesTheMetricsAnExpressionSelects() {
        assertThat(Promql.metricNames("sum by (mode) (rate(p21_host_cpu_seconds_total{mode!=\"idle\",job=~\"$job\"}[5m]))"))
                .containsExactly("p21_host_cpu_seconds_total");
        assertThat(Promql.metricNames("histogram_quantile(0.95, sum by (le) (rate(p21_api_request_duration_seconds_bucket[5m])))"
                + " / on (instance) group_left (job) up offset 1h"))
                .containsExactly("p21_api_request_duration_seconds_bucket", "up");
        assertThat(Promql.metricNames("count(ALERTS{alertstate=\"firing\"}) or vector(0)")).containsExactly("ALERTS");
        assertThat(Promql.metricNames("{__name__=\"level:metric:rate5m\"}")).containsExactly("level:metric:rate5m");
        assertThat(Promql.metricNames("max_over_time(slo:sli_error:ratio_rate1h[1d:5m]) > bool 1e-3")).containsExactly("slo:sli_error:ratio_rate1h");
        assertThat(Promql.metricNames("sum(rate(x_total[5m])) without (a) * -Inf")).containsExactly("x_total");
        assertThat(Promql.metricNames("topk(5, sum(increase(a[1h30m])) by (b)) @ end()")).containsExactly("a");
        assertThat(Promql.metricNames("label_replace(up, \"dst\", \"$1\", \"src\", \"(.*)\")")).containsExactly("up");
    }

    @Test
    void grafanaIntervalsBecomeDurations() {
        assertThat(Promql.withIntervals("rate(a[$__rate_interval]) * $__range_s + ${__interval_ms}", 60))
                .isEqualTo("rate(a[60s]) * 60 + 60000");
    }

    @ParameterizedTest
    @ValueSource(strings = {"rate(up[5m]", "sum(up))", "up{job=\"a\"", "up{job=a}", "rate(up[5x])", "frobnicate(up)",
        "up +", "", "{}", "up{job~\"a\"}", "rate(up[$window])", "sum by (a (up)", "up \"unterminated"})
    void rejectsBrokenExpressions(String expr) {
        assertThatThrownBy(() -> Promql.check(expr)).isInstanceOf(Promql.SyntaxError.class).hasMessageContaining("column");
    }
}
