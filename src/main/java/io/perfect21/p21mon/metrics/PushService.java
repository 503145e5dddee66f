package io.perfect21.p21mon.metrics;

import io.perfect21.p21mon.P21monException;
import io.perfect21.p21mon.client.PushgatewayClient;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code metrics push}: {@code NAME=VALUE} pairs as a text exposition (written by the client library) sent to a
 * Pushgateway group. A name ending in {@code _total} is pushed as a counter, any other as a gauge.
 */
public final class PushService {
    private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    /** What was pushed, where and how. */
    public record PushResult(String url, String method, int metrics,
                             @com.fasterxml.jackson.annotation.JsonIgnore String body) {
    }

    private PushService() {
    }

    /** Parses {@code NAME=VALUE} arguments, in order; a bad one is a usage error naming it. */
    public static Map<String, Double> parseValues(List<String> pairs) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (String pair : pairs) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw P21monException.usage("'" + pair + "' is not NAME=VALUE");
            }
            String name = pair.substring(0, eq).trim();
            String value = pair.substring(eq + 1).trim();
            if (!METRIC_NAME.matcher(name).matches()) {
                throw P21monException.usage("'" + name + "' is not a Prometheus metric name ([a-zA-Z_:][a-zA-Z0-9_:]*)");
            }
            double v;
            try {
                v = Double.parseDouble(value.replace("+Inf", "Infinity").replace("-Inf", "-Infinity"));
            } catch (NumberFormatException e) {
                throw P21monException.usage("'" + pair + "': '" + value + "' is not a number");
            }
            if (name.endsWith("_total") && !(v >= 0)) {
                throw P21monException.usage("'" + pair + "': a counter (_total) cannot be negative or NaN");
            }
            out.put(name, v);
        }
        return out;
    }

    /** The text exposition (format 0.0.4) of the values. */
    public static byte[] exposition(Map<String, Double> values) {
        Families f = new Families(Labels.EMPTY);
        List<MetricSnapshot> out = new ArrayList<>();
        values.forEach((name, v) -> {
            if (name.endsWith("_total")) {
                f.counter(name.substring(0, name.length() - "_total".length()), "Pushed by p21mon metrics push.")
                        .point(v).add(out);
            } else {
                f.gauge(name, "Pushed by p21mon metrics push.").point(v).add(out);
            }
        });
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        try {
            PrometheusTextFormatWriter.create().write(body, new MetricSnapshots(out));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return body.toByteArray();
    }

    /** Pushes the values to the group {@code job} + {@code grouping}; {@code replace} uses PUT (whole group). */
    public static PushResult push(PushgatewayClient client, String job, Map<String, String> grouping,
                                  Map<String, Double> values, boolean replace) {
        if (job == null || job.isBlank()) {
            throw P21monException.usage("--job must not be empty");
        }
        for (String label : grouping.keySet()) {
            if (!LABEL_NAME.matcher(label).matches() || label.equals("job")) {
                throw P21monException.usage("--label " + label + ": not a label name for a grouping key"
                        + (label.equals("job") ? " (job is given by --job)" : ""));
            }
        }
        if (values.isEmpty()) {
            throw P21monException.usage("nothing to push: give at least one NAME=VALUE");
        }
        byte[] body = exposition(values);
        String url = client.push(job, grouping, body, replace);
        return new PushResult(url, replace ? "PUT" : "POST", values.size(),
                new String(body, java.nio.charset.StandardCharsets.UTF_8));
    }
}
