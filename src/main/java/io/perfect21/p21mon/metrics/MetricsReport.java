package io.perfect21.p21mon.metrics;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBucket;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.DataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.Label;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.Quantile;
import io.prometheus.metrics.model.snapshots.StateSetSnapshot;
import io.prometheus.metrics.model.snapshots.SummarySnapshot;
import io.prometheus.metrics.model.snapshots.UnknownSnapshot;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One snapshot of the exporter's metrics ({@code metrics show}): the client library's snapshots (which the
 * {@code prometheus} format writes with the library's own text writer) and the same as plain families of samples for
 * JSON and tables. Sample names are as exposed ({@code _total}, {@code _bucket}, {@code _sum}, …).
 */
public record MetricsReport(List<Family> families, @JsonIgnore MetricSnapshots snapshots) {
    /** A metric family: its name as written in {@code # TYPE}, its type, help and samples. */
    public record Family(String name, String type, String help, List<Sample> samples) {
    }

    /** One exposed sample. */
    public record Sample(String name, Map<String, String> labels, double value) {
    }

    /** The families of the snapshots, in their order. */
    public static MetricsReport of(MetricSnapshots snapshots) {
        List<Family> out = new ArrayList<>();
        for (MetricSnapshot s : snapshots) {
            out.add(family(s));
        }
        return new MetricsReport(List.copyOf(out), snapshots);
    }

    private static Family family(MetricSnapshot s) {
        String base = s.getMetadata().getPrometheusName();
        String help = s.getMetadata().getHelp();
        List<Sample> samples = new ArrayList<>();
        String type;
        if (s instanceof CounterSnapshot c) {
            type = "counter";
            c.getDataPoints().forEach(d -> samples.add(sample(base + "_total", d, d.getValue())));
        } else if (s instanceof GaugeSnapshot g) {
            type = "gauge";
            g.getDataPoints().forEach(d -> samples.add(sample(base, d, d.getValue())));
        } else if (s instanceof InfoSnapshot i) {
            type = "info";
            i.getDataPoints().forEach(d -> samples.add(sample(base + "_info", d, 1)));
        } else if (s instanceof UnknownSnapshot u) {
            type = "unknown";
            u.getDataPoints().forEach(d -> samples.add(sample(base, d, d.getValue())));
        } else if (s instanceof StateSetSnapshot st) {
            type = "stateset";
            st.getDataPoints().forEach(d -> {
                for (int k = 0; k < d.size(); k++) {
                    Sample x = sample(base, d, d.isTrue(k) ? 1 : 0);
                    x.labels().put(base, d.getName(k));
                    samples.add(x);
                }
            });
        } else if (s instanceof SummarySnapshot sum) {
            type = "summary";
            sum.getDataPoints().forEach(d -> {
                for (Quantile q : d.getQuantiles()) {
                    Sample x = sample(base, d, q.getValue());
                    x.labels().put("quantile", Double.toString(q.getQuantile()));
                    samples.add(x);
                }
                samples.add(sample(base + "_count", d, d.getCount()));
                samples.add(sample(base + "_sum", d, d.getSum()));
            });
        } else if (s instanceof HistogramSnapshot h) {
            type = "histogram";
            h.getDataPoints().forEach(d -> {
                long cumulative = 0;
                for (ClassicHistogramBucket bucket : d.getClassicBuckets()) {
                    cumulative += bucket.getCount();
                    Sample x = sample(base + "_bucket", d, cumulative);
                    x.labels().put("le", bucket.getUpperBound() == Double.POSITIVE_INFINITY ? "+Inf"
                            : Double.toString(bucket.getUpperBound()));
                    samples.add(x);
                }
                samples.add(sample(base + "_count", d, d.getCount()));
                samples.add(sample(base + "_sum", d, d.getSum()));
            });
        } else {
            type = "unknown";
        }
        return new Family(base, type, help, List.copyOf(samples));
    }

    private static Sample sample(String name, DataPointSnapshot d, double value) {
        Map<String, String> labels = new LinkedHashMap<>();
        for (Label l : d.getLabels()) {
            labels.put(l.getName(), l.getValue());
        }
        return new Sample(name, labels, value);
    }
}
