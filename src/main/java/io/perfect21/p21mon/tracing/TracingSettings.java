package io.perfect21.p21mon.tracing;

import io.perfect21.p21mon.P21monException;
import io.perfect21.p21mon.config.TracingConfig;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What {@link Tracing} sets up, resolved from {@code tracing:} and the standard {@code OTEL_*} variables (which win):
 * {@code OTEL_SDK_DISABLED}, {@code OTEL_SERVICE_NAME}, {@code OTEL_RESOURCE_ATTRIBUTES},
 * {@code OTEL_TRACES_EXPORTER} ({@code otlp} or {@code none}), {@code OTEL_EXPORTER_OTLP_[TRACES_]ENDPOINT},
 * {@code OTEL_EXPORTER_OTLP_[TRACES_]HEADERS}, {@code OTEL_EXPORTER_OTLP_[TRACES_]TIMEOUT} (ms),
 * {@code OTEL_TRACES_SAMPLER} and {@code OTEL_TRACES_SAMPLER_ARG}. The seed's {@code jaeger_host} becomes Jaeger's
 * OTLP/HTTP receiver on that host ({@code http://HOST:4318/v1/traces}), with a notice.
 *
 * @param otlpEndpoint the full OTLP/HTTP traces URL ({@code …/v1/traces}), or null for no OTLP export
 * @param sampler      an {@code OTEL_TRACES_SAMPLER} name; {@code ratio} is its argument (0–1)
 * @param keepErrors   {@code tracing.keep_errors}: a trace the sampler dropped is still recorded, and exported when one
 *                     of its spans failed; off under {@code always_off} and {@code parentbased_always_off}
 * @param fileOutput   the JSONL span file, or null
 */
public record TracingSettings(boolean enabled, String serviceName, Map<String, String> resourceAttributes,
                              String otlpEndpoint, Map<String, String> otlpHeaders, Duration otlpTimeout,
                              String sampler, double ratio, boolean keepErrors, Path fileOutput, int maxSpans,
                              List<String> notices) {
    static final List<String> SAMPLERS = List.of("always_on", "always_off", "traceidratio", "parentbased_always_on",
            "parentbased_always_off", "parentbased_traceidratio");

    public TracingSettings {
        resourceAttributes = Map.copyOf(resourceAttributes);
        otlpHeaders = Map.copyOf(otlpHeaders);
        notices = List.copyOf(notices);
    }

    /** The share of new traces the sampler keeps (0–1): the ratio, or 1 and 0 for the always_on and always_off ones. */
    public double rootRatio() {
        return sampler.endsWith("always_on") ? 1.0 : sampler.endsWith("always_off") ? 0.0 : ratio;
    }

    /** Resolves the settings; a malformed {@code OTEL_*} value is a usage error naming the variable. */
    public static TracingSettings resolve(TracingConfig config, Map<String, String> env, Path workDir) {
        List<String> notices = new ArrayList<>();
        Map<String, String> resource = pairs(env, "OTEL_RESOURCE_ATTRIBUTES");
        String service = first(env.get("OTEL_SERVICE_NAME"), resource.remove("service.name"), config.serviceName());

        String endpoint = null;
        String exporter = lower(env.get("OTEL_TRACES_EXPORTER"));
        String protocol = lower(first(env.get("OTEL_EXPORTER_OTLP_TRACES_PROTOCOL"), env.get("OTEL_EXPORTER_OTLP_PROTOCOL")));
        if (protocol != null && !protocol.equals("http/protobuf")) {
            notices.add("OTEL_EXPORTER_OTLP_PROTOCOL=" + protocol + ": p21mon sends OTLP over HTTP (http/protobuf) only");
        }
        if (exporter == null || exporter.equals("otlp")) {
            endpoint = endpoint(env, config, notices);
        } else if (!exporter.equals("none")) {
            notices.add("OTEL_TRACES_EXPORTER=" + exporter + " is not supported (otlp or none): no OTLP export");
        }

        Map<String, String> headers = pairs(env, "OTEL_EXPORTER_OTLP_HEADERS");
        headers.putAll(pairs(env, "OTEL_EXPORTER_OTLP_TRACES_HEADERS"));
        Duration timeout = Duration.ofMillis(millis(env, "OTEL_EXPORTER_OTLP_TRACES_TIMEOUT",
                millis(env, "OTEL_EXPORTER_OTLP_TIMEOUT", 10_000)));

        String sampler = lower(env.getOrDefault("OTEL_TRACES_SAMPLER", "parentbased_traceidratio"));
        if (!SAMPLERS.contains(sampler)) {
            throw P21monException.usage("OTEL_TRACES_SAMPLER=" + sampler + " is not one of " + String.join(", ", SAMPLERS));
        }
        double ratio = config.samplingRate();
        String arg = env.get("OTEL_TRACES_SAMPLER_ARG");
        if (arg != null && !arg.isBlank() && sampler.endsWith("traceidratio")) {
            try {
                ratio = Double.parseDouble(arg.strip());
            } catch (NumberFormatException e) {
                ratio = -1;
            }
            if (!(ratio >= 0 && ratio <= 1)) {
                throw P21monException.usage("OTEL_TRACES_SAMPLER_ARG=" + arg + " is not a ratio from 0 to 1");
            }
        }

        Path file = config.fileOutput() == null ? null : workDir.resolve(config.fileOutput());
        boolean disabled = "true".equalsIgnoreCase(String.valueOf(env.get("OTEL_SDK_DISABLED")).strip());
        boolean enabled = !disabled && (endpoint != null || file != null);
        boolean keepErrors = config.keepErrors() && !sampler.endsWith("always_off");
        return new TracingSettings(enabled, service, resource, endpoint, headers, timeout, sampler, ratio, keepErrors,
                file, config.maxSpans(), notices);
    }

    private static String endpoint(Map<String, String> env, TracingConfig config, List<String> notices) {
        String traces = blankToNull(env.get("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"));
        if (traces != null) {
            return checkUrl(traces, "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT");
        }
        String base = blankToNull(env.get("OTEL_EXPORTER_OTLP_ENDPOINT"));
        if (base != null) {
            return withTracesPath(checkUrl(base, "OTEL_EXPORTER_OTLP_ENDPOINT"), true);
        }
        if (config.otlpEndpoint() != null) {
            return withTracesPath(checkUrl(config.otlpEndpoint(), "tracing.otlp_endpoint"), false);
        }
        if (config.jaegerHost() != null) {
            String host = config.jaegerHost().strip();
            int colon = host.lastIndexOf(':');
            if (colon > 0 && !host.endsWith("]") && host.indexOf(':') == colon) {
                host = host.substring(0, colon);
            }
            String url = "http://" + host + ":4318/v1/traces";
            notices.add("tracing.jaeger_host: OpenTelemetry has no Jaeger exporter any more; sending OTLP/HTTP to " + url
                    + " (Jaeger's OTLP receiver); set tracing.otlp_endpoint to silence this");
            return url;
        }
        return null;
    }

    private static String checkUrl(String url, String key) {
        try {
            URI u = URI.create(url.strip());
            if (u.getScheme() == null || !(u.getScheme().equals("http") || u.getScheme().equals("https")) || u.getHost() == null) {
                throw new IllegalArgumentException();
            }
            return u.toString();
        } catch (IllegalArgumentException e) {
            throw P21monException.usage(key + ": '" + url + "' is not an http(s) URL");
        }
    }

    /** The OTLP spec: a base endpoint gets {@code v1/traces} appended; our own key gets it when it has no path. */
    private static String withTracesPath(String url, boolean always) {
        String path = URI.create(url).getPath();
        if (!always && path != null && !path.isEmpty() && !path.equals("/")) {
            return url;
        }
        return (url.endsWith("/") ? url : url + "/") + "v1/traces";
    }

    private static Map<String, String> pairs(Map<String, String> env, String name) {
        Map<String, String> out = new LinkedHashMap<>();
        String v = env.get(name);
        if (v == null || v.isBlank()) {
            return out;
        }
        for (String pair : v.split(",")) {
            if (pair.isBlank()) {
                continue;
            }
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw P21monException.usage(name + ": '" + pair.strip() + "' is not key=value");
            }
            out.put(decode(pair.substring(0, eq).strip()), decode(pair.substring(eq + 1).strip()));
        }
        return out;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    private static long millis(Map<String, String> env, String name, long fallback) {
        String v = blankToNull(env.get(name));
        if (v == null) {
            return fallback;
        }
        try {
            long ms = Long.parseLong(v.strip());
            if (ms > 0) {
                return ms;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw P21monException.usage(name + "=" + v + " is not a positive number of milliseconds");
    }

    @SafeVarargs
    private static <T> T first(T... values) {
        for (T v : values) {
            if (v != null && !(v instanceof String s && s.isBlank())) {
                return v;
            }
        }
        return null;
    }

    private static String lower(String s) {
        return blankToNull(s) == null ? null : s.strip().toLowerCase(Locale.ROOT);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
