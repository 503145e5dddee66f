package io.perfect21.p21mon.metrics;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The metric names p21mon exports, read from {@code metric-names.txt} beside this class: the one list that the golden
 * test holds the exporter and the library to, and that alert rules and dashboards check their expressions against.
 *
 * <pre>{@code
 * MetricNames.all().knows("p21_host_load1");            // true
 * MetricNames.all().knows("p21_api_request_duration_seconds_bucket"); // true: a histogram's series
 * }</pre>
 */
public final class MetricNames {
    /** One metric family as exposed: its name (with {@code _total}/{@code _info}), type, label names and source section. */
    public record Family(String name, String type, List<String> labels, String source) {
        /** The series names a query can use: a histogram's {@code _bucket}, {@code _sum} and {@code _count}, else the name. */
        public List<String> seriesNames() {
            return switch (type) {
                case "histogram" -> List.of(name + "_bucket", name + "_sum", name + "_count");
                case "summary" -> List.of(name, name + "_sum", name + "_count");
                default -> List.of(name);
            };
        }
    }

    private static final MetricNames ALL = load();

    private final List<Family> families;
    private final Set<String> series;

    private MetricNames(List<Family> families) {
        this.families = List.copyOf(families);
        Set<String> s = new LinkedHashSet<>();
        families.forEach(f -> s.addAll(f.seriesNames()));
        this.series = Collections.unmodifiableSet(s);
    }

    /** Every family p21mon exports. */
    public static MetricNames all() {
        return ALL;
    }

    public List<Family> families() {
        return families;
    }

    /** The families of one section of the file ({@code exporter}, {@code library}, …). */
    public List<Family> families(String source) {
        return families.stream().filter(f -> f.source().equals(source)).toList();
    }

    /** Every series name a PromQL expression may use. */
    public Set<String> seriesNames() {
        return series;
    }

    /** Whether a series name is one p21mon exports. */
    public boolean knows(String seriesName) {
        return series.contains(seriesName);
    }

    /** The inventory lines of one section, as the golden test compares them ({@code name type [labels]}). */
    public String inventory(String source) {
        StringBuilder sb = new StringBuilder();
        for (Family f : families(source)) {
            sb.append(f.name()).append(' ').append(f.type()).append(' ').append(f.labels()).append('\n');
        }
        return sb.toString();
    }

    private static MetricNames load() {
        List<Family> out = new ArrayList<>();
        try (InputStream in = MetricNames.class.getResourceAsStream("metric-names.txt")) {
            if (in == null) {
                throw new IllegalStateException("metric-names.txt is missing from the classpath");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String source = "";
            for (String line; (line = r.readLine()) != null; ) {
                line = line.strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                if (line.startsWith("[")) {
                    source = line.substring(1, line.length() - 1);
                    continue;
                }
                int space = line.indexOf(' ');
                int bracket = line.indexOf('[');
                String name = line.substring(0, space);
                String type = line.substring(space + 1, bracket).strip();
                String inner = line.substring(bracket + 1, line.lastIndexOf(']')).strip();
                List<String> labels = inner.isEmpty() ? List.of() : Arrays.stream(inner.split(",\\s*")).toList();
                out.add(new Family(name, type, labels, source));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new MetricNames(out);
    }
}
