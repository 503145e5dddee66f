package io.perfect21.p21mon.config;

import java.time.Duration;

/**
 * One entry of {@code slos:}: an objective in percent over a window, with PromQL for the error and total rates in
 * which {@code {{window}}} stands for the burn-rate window.
 */
public record SloConfig(String name, Double objective, Duration window, String errors, String total) {
    /** API availability at 99.9% over 30 days: the SLO that rules and dashboards use when {@code slos:} is empty. */
    public static final SloConfig DEFAULT = new SloConfig("api-availability", 99.9, Duration.ofDays(30),
            "sum(rate(p21_api_requests_total{status=~\"5..\"}[{{window}}]))",
            "sum(rate(p21_api_requests_total[{{window}}]))");

    public SloConfig {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("slos[].name is required");
        }
        objective = Defaults.or(objective, 99.9);
        if (objective <= 0 || objective >= 100) {
            throw new IllegalArgumentException("slos[" + name + "].objective must be between 0 and 100 (exclusive), got " + objective);
        }
        window = Defaults.or(window, Duration.ofDays(30));
        if (errors == null || total == null) {
            throw new IllegalArgumentException("slos[" + name + "] needs both errors and total PromQL expressions");
        }
    }
}
