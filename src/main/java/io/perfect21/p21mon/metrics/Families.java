package io.perfect21.p21mon.metrics;

import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds the client library's metric snapshots for the exporter's collectors: one family at a time, every data point
 * carrying the constant labels ({@code metrics.custom_labels}) after its own. A constant label whose name a family
 * already uses is left off that family's points (the family's own label wins).
 *
 * <pre>{@code
 * Families f = new Families(Labels.of("env", "prod"));
 * f.gauge("p21_host_load1", "1m load average").point(0.5).add(out);
 * }</pre>
 */
final class Families {
    private final Labels constant;

    Families(Labels constant) {
        this.constant = constant;
    }

    Family gauge(String name, String help) {
        return new Family(false, name, help);
    }

    /** An info metric, value 1; {@code name} is without the {@code _info} the exposition adds. */
    Family info(String name, String help) {
        return new Family(null, name, help);
    }

    /** A counter; {@code name} is without the {@code _total} the exposition adds. */
    Family counter(String name, String help) {
        return new Family(true, name, help);
    }

    Labels labels(String... namesAndValues) {
        Labels own = Labels.of(namesAndValues);
        Labels.Builder b = Labels.builder();
        for (int i = 0; i < own.size(); i++) {
            b.label(own.getName(i), own.getValue(i));
        }
        for (int i = 0; i < constant.size(); i++) {
            if (!own.contains(constant.getName(i))) {
                b.label(constant.getName(i), constant.getValue(i));
            }
        }
        return b.build();
    }

    /** One metric family being built. */
    final class Family {
        /** true: counter, false: gauge, null: info. */
        private final Boolean counter;
        private final String name;
        private final String help;
        private final List<double[]> values = new ArrayList<>();
        private final List<Labels> labels = new ArrayList<>();

        private Family(Boolean counter, String name, String help) {
            this.counter = counter;
            this.name = name;
            this.help = help;
        }

        /** Adds a data point with its own labels, name-value pairs. */
        Family point(double value, String... namesAndValues) {
            values.add(new double[] {value});
            labels.add(labels(namesAndValues));
            return this;
        }

        MetricSnapshot build() {
            if (counter == null) {
                InfoSnapshot.Builder b = InfoSnapshot.builder().name(name).help(help);
                labels.forEach(l -> b.dataPoint(InfoSnapshot.InfoDataPointSnapshot.builder().labels(l).build()));
                return b.build();
            }
            if (counter) {
                CounterSnapshot.Builder b = CounterSnapshot.builder().name(name).help(help);
                for (int i = 0; i < values.size(); i++) {
                    b.dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder()
                            .value(Math.max(0, values.get(i)[0])).labels(labels.get(i)).build());
                }
                return b.build();
            }
            GaugeSnapshot.Builder b = GaugeSnapshot.builder().name(name).help(help);
            for (int i = 0; i < values.size(); i++) {
                b.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder()
                        .value(values.get(i)[0]).labels(labels.get(i)).build());
            }
            return b.build();
        }

        /** Builds the family into the list (a family with no points is left out). */
        void add(List<MetricSnapshot> out) {
            if (!values.isEmpty()) {
                out.add(build());
            }
        }
    }
}
