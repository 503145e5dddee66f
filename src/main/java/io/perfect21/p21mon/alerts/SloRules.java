package io.perfect21.p21mon.alerts;

import io.perfect21.p21mon.config.Durations;
import io.perfect21.p21mon.config.SloConfig;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Burn-rate rules for {@code slos:}, as the SRE workbook's "multiwindow, multi-burn-rate alerts": per SLO a recording
 * rule {@code slo:sli_error:ratio_rate<window>{slo="name"}} for each window, a page ({@code ErrorBudgetBurnFast},
 * critical) when 14.4x the budget burns over 1h and 5m or 6x over 6h and 30m, and a ticket
 * ({@code ErrorBudgetBurnSlow}, warning) at 3x over 1d and 2h or 1x over 3d and 6h.
 */
public final class SloRules {
    /** The windows the recording rules cover. */
    public static final List<String> WINDOWS = List.of("5m", "30m", "1h", "2h", "6h", "1d", "3d");

    /** One long-and-short window pair at a burn rate. */
    record Burn(double factor, String longWindow, String shortWindow) {
    }

    static final List<Burn> PAGE = List.of(new Burn(14.4, "1h", "5m"), new Burn(6, "6h", "30m"));
    static final List<Burn> TICKET = List.of(new Burn(3, "1d", "2h"), new Burn(1, "3d", "6h"));

    private SloRules() {
    }

    /** The series name of an SLO's error ratio over a window. */
    public static String ratioRecord(String window) {
        return "slo:sli_error:ratio_rate" + window;
    }

    /** The PromQL with {@code {{window}}} (also {@code {{ window }}}) replaced. */
    public static String expand(String expr, String window) {
        return expr.replaceAll("\\{\\{\\s*window\\s*}}", window);
    }

    /** One group per SLO. */
    static List<RuleGroup> groups(List<SloConfig> slos, String runbooks) {
        List<RuleGroup> out = new ArrayList<>();
        for (SloConfig slo : slos) {
            List<RecordingRule> recording = new ArrayList<>();
            for (String w : WINDOWS) {
                recording.add(new RecordingRule(ratioRecord(w),
                        "(" + expand(slo.errors(), w) + ")\n/\n(" + expand(slo.total(), w) + ")", Map.of("slo", slo.name())));
            }
            out.add(new RuleGroup("p21mon-slo-" + slo.name(), recording, List.of(
                    alert(slo, "ErrorBudgetBurnFast", "critical", PAGE, runbooks),
                    alert(slo, "ErrorBudgetBurnSlow", "warning", TICKET, runbooks))));
        }
        return out;
    }

    private static AlertRule alert(SloConfig slo, String name, String severity, List<Burn> burns, String runbooks) {
        String budget = BigDecimal.ONE.subtract(BigDecimal.valueOf(slo.objective()).movePointLeft(2))
                .stripTrailingZeros().toPlainString();
        String selector = "{slo=\"" + slo.name().replace("\\", "\\\\").replace("\"", "\\\"") + "\"}";
        List<String> parts = new ArrayList<>();
        List<String> words = new ArrayList<>();
        for (Burn b : burns) {
            String limit = "(" + RuleCatalogue.number(b.factor()) + " * " + budget + ")";
            parts.add("(\n  " + ratioRecord(b.longWindow()) + selector + " > " + limit + "\nand\n  "
                    + ratioRecord(b.shortWindow()) + selector + " > " + limit + "\n)");
            long hoursLeft = Math.round(slo.window().toHours() / b.factor());
            words.add(RuleCatalogue.number(b.factor()) + "x over " + b.longWindow() + " and " + b.shortWindow()
                    + " (budget gone in about " + Durations.format(Duration.ofHours(hoursLeft)) + ")");
        }
        String window = Durations.format(slo.window());
        AlertRule rule = AlertRule.of(name, String.join("\nor\n", parts), Duration.ZERO, severity,
                "SLO {{ $labels.slo }} is burning its error budget " + (severity.equals("critical") ? "fast" : "slowly"),
                "The error ratio of SLO " + slo.name() + " (objective " + RuleCatalogue.number(slo.objective()) + "% over "
                        + window + ", error budget " + budget + ") is above " + String.join(", or ", words) + ".",
                RuleCatalogue.runbook(runbooks, name));
        return rule.withLabels(Map.of("slo", slo.name()));
    }
}
