package io.perfect21.p21mon.metrics;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PromqlRuleCasesTest {
    @Test
    void findsMetricNamesAndSkipsFunctionsKeywordsMatchersAndLabelLists() {
        assertThat(Promql.metricNames("sum by (job, le) (rate(p21_api_requests_total{status=~\"5..\", x='}{'}[5m] offset 1h))"
                + " / on (job) group_left(instance) sum without (mode) (foo:bar:rate5m)"))
                .containsExactly("p21_api_requests_total", "foo:bar:rate5m");
        assertThat(Promql.metricNames("time() - p21_job_last_success_timestamp_seconds{job=\"a\"} > 93600 and up == 0"))
                .containsExactly("p21_job_last_success_timestamp_seconds", "up");
        assertThat(Promql.metricNames("histogram_quantile(0.95, sum by (le) (rate(x_bucket[5m:1m]))) > 1e3 or vector(inf)"))
                .containsExactly("x_bucket");
        assertThat(Promql.metricNames("max_over_time(a[1h] @ end()) > bool 2 # a comment naming b\n unless c"))
                .containsExactly("a", "c");
    }

    @Test
    void unknownNamesAreThoseNeitherExportedNorGiven() {
        assertThat(Promql.unknownNames("p21_host_load1 / p21_host_cpus > nope_total or up", Set.of("up")))
                .containsExactly("nope_total");
        assertThat(Promql.unknownNames("rate(p21_api_request_duration_seconds_bucket[5m])", Set.of())).isEmpty();
    }

    @Test
    void grossSyntaxErrorsAreFoundWithTheirColumn() {
        assertThatThrownBy(() -> Promql.metricNames("sum(rate(x[5m])")).isInstanceOf(Promql.SyntaxError.class);
        assertThatThrownBy(() -> Promql.metricNames("x{a=\"b}")).isInstanceOf(Promql.SyntaxError.class);
        assertThatThrownBy(() -> Promql.metricNames("x[5m")).isInstanceOf(Promql.SyntaxError.class);
        assertThatThrownBy(() -> Promql.metricNames("x)")).hasMessageContaining("column 2");
        assertThatThrownBy(() -> Promql.metricNames(" ")).isInstanceOf(Promql.SyntaxError.class);
        assertThat(Promql.problem("up == 0")).isNull();
    }
}
