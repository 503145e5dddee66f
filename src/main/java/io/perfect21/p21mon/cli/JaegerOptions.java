package io.perfect21.p21mon.cli;

import io.perfect21.p21mon.P21monException;
import io.perfect21.p21mon.client.JaegerClient;
import io.perfect21.p21mon.config.Durations;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code --jaeger} and the trace search options of {@code traces list} and {@code traces summary}. */
public final class JaegerOptions {
    @Option(names = "--jaeger", paramLabel = "URL",
            description = "Jaeger's query API (the UI's port). Default: tracing.jaeger_query_url (http://localhost:16686).")
    String jaeger;
    @Option(names = "--operation", paramLabel = "NAME", description = "Only traces with this operation.")
    String operation;
    @Option(names = "--lookback", paramLabel = "DURATION", defaultValue = "1h",
            description = "How far back to search (default: ${DEFAULT-VALUE}).")
    String lookback;
    @Option(names = "--min-duration", paramLabel = "DURATION", description = "Only traces at least this long (e.g. 500ms).")
    String minDuration;
    @Option(names = "--tag", paramLabel = "KEY=VALUE", description = "Only traces with a span tagged so (repeatable).")
    List<String> tags = List.of();

    /** The client for {@code --jaeger} or the configured query URL. */
    JaegerClient client(ConfigOptions options) {
        String url = jaeger != null ? jaeger : options.config().tracing().jaegerQueryUrl();
        return new JaegerClient(url, Duration.ofSeconds(30));
    }

    boolean jaegerGiven() {
        return jaeger != null;
    }

    /** The search over the last {@code --lookback} up to now. */
    JaegerClient.Query query(String service, int limit, Instant now) {
        if (limit < 1) {
            throw P21monException.usage("--limit must be at least 1, got " + limit);
        }
        Duration back = duration("--lookback", lookback);
        String min = minDuration == null ? null : duration("--min-duration", minDuration).toNanos() / 1000 + "us";
        Map<String, String> t = new LinkedHashMap<>();
        for (String kv : tags) {
            int eq = kv.indexOf('=');
            if (eq <= 0) {
                throw P21monException.usage("--tag '" + kv + "': write KEY=VALUE");
            }
            t.put(kv.substring(0, eq), kv.substring(eq + 1));
        }
        return new JaegerClient.Query(service, operation, now.minus(back), now, min, t, limit);
    }

    private static Duration duration(String flag, String text) {
        try {
            Duration d = Durations.parse(text);
            if (d.isNegative()) {
                throw new IllegalArgumentException("must not be negative");
            }
            return d;
        } catch (RuntimeException e) {
            throw P21monException.usage(flag + " '" + text + "': " + e.getMessage());
        }
    }
}
