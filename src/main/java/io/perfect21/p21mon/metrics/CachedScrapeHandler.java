package io.perfect21.p21mon.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.config.PrometheusProperties;
import io.prometheus.metrics.exporter.common.PrometheusScrapeHandler;
import io.prometheus.metrics.exporter.httpserver.HttpExchangeAdapter;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.SummarySnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPOutputStream;

/**
 * {@code /metrics} answered from bytes serialized once per snapshot: the client library's writer for the format the
 * {@code Accept} header asks for (text 0.0.4, OpenMetrics, protobuf; its escaping scheme), gzipped when the scraper
 * accepts gzip, kept until the {@link CachingRegistry} hands out a new snapshot. A scrape then costs a map lookup and a
 * socket write. Requests with a query string ({@code ?name[]=}, {@code ?debug=}) go to the library's own
 * {@link PrometheusScrapeHandler}, which serializes per request as usual.
 */
final class CachedScrapeHandler implements HttpHandler {
    private record Key(String contentType, EscapingScheme escaping, boolean gzip) {
    }

    private record Body(MetricSnapshots source, byte[] bytes) {
    }

    private final CachingRegistry registry;
    private final ExpositionFormats formats;
    private final PrometheusScrapeHandler perRequest;
    private final Map<Key, Body> cache = new ConcurrentHashMap<>();

    CachedScrapeHandler(CachingRegistry registry) {
        this.registry = registry;
        this.formats = ExpositionFormats.init(PrometheusProperties.get());
        this.perRequest = new PrometheusScrapeHandler(PrometheusProperties.get(), registry);
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String query = exchange.getRequestURI().getRawQuery();
        Set<String> names = null;
        if (query != null && !query.isEmpty()) {
            names = requestedNames(query);
            if (names == null) {
                perRequest.handleRequest(new HttpExchangeAdapter(exchange));
                return;
            }
        }
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            String accept = exchange.getRequestHeaders().getFirst("Accept");
            ExpositionFormatWriter writer = formats.findWriter(accept);
            EscapingScheme escaping = EscapingScheme.fromAcceptHeader(accept);
            boolean gzip = acceptsGzip(exchange.getRequestHeaders().get("Accept-Encoding"));
            MetricSnapshots current = registry.current();
            Body body;
            if (names != null) {
                MetricSnapshots selected = select(current, names);
                body = new Body(selected, serialize(writer, selected, escaping, gzip));
            } else {
                Key key = new Key(writer.getContentType(), escaping, gzip);
                body = cache.get(key);
                if (body == null || body.source() != current) {
                    body = new Body(current, serialize(writer, current, escaping, gzip));
                    cache.put(key, body);
                }
            }
            exchange.getResponseHeaders().set("Content-Type", writer.getContentType());
            if (gzip) {
                exchange.getResponseHeaders().set("Content-Encoding", "gzip");
            }
            if (exchange.getRequestMethod().equals("HEAD")) {
                exchange.sendResponseHeaders(200, -1);
                return;
            }
            exchange.sendResponseHeaders(200, body.bytes().length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body.bytes());
            }
        }
    }

    /**
     * The names of a query made only of {@code name[]=} parameters, or null for any other query (left to the library).
     * The library's own filter keeps a family when a requested name merely starts with the family's name
     * ({@code name[]=p21_host_cpus} also returned {@code p21_host_info}); this one keeps exactly the names asked for.
     */
    static Set<String> requestedNames(String rawQuery) {
        Set<String> names = new LinkedHashSet<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            if (!key.equals("name[]") || eq < 0) {
                return null;
            }
            names.add(URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return names;
    }

    /** The families one of whose exposed names (with the type's suffixes: _total, _info, _bucket, ...) was asked for. */
    static MetricSnapshots select(MetricSnapshots all, Set<String> names) {
        MetricSnapshots.Builder b = MetricSnapshots.builder();
        for (MetricSnapshot s : all) {
            String base = s.getMetadata().getPrometheusName();
            for (String suffix : suffixes(s)) {
                if (names.contains(base + suffix)) {
                    b.metricSnapshot(s);
                    break;
                }
            }
        }
        return b.build();
    }

    private static List<String> suffixes(MetricSnapshot s) {
        if (s instanceof CounterSnapshot) {
            return List.of("", "_total", "_created");
        }
        if (s instanceof InfoSnapshot) {
            return List.of("", "_info");
        }
        if (s instanceof HistogramSnapshot) {
            return List.of("", "_bucket", "_count", "_sum", "_created", "_gcount", "_gsum");
        }
        if (s instanceof SummarySnapshot) {
            return List.of("", "_count", "_sum", "_created");
        }
        return List.of("");
    }

    private static byte[] serialize(ExpositionFormatWriter writer, MetricSnapshots snapshots, EscapingScheme escaping,
                                    boolean gzip) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(32 * 1024);
        if (gzip) {
            try (GZIPOutputStream z = new GZIPOutputStream(bytes)) {
                writer.write(z, snapshots, escaping);
            }
        } else {
            writer.write(bytes, snapshots, escaping);
        }
        return bytes.toByteArray();
    }

    static boolean acceptsGzip(List<String> headers) {
        if (headers == null) {
            return false;
        }
        for (String h : headers) {
            for (String part : h.split(",")) {
                String coding = part.trim();
                int semi = coding.indexOf(';');
                String name = (semi < 0 ? coding : coding.substring(0, semi)).trim();
                if (name.equalsIgnoreCase("gzip") && !coding.replace(" ", "").endsWith("q=0")) {
                    return true;
                }
            }
        }
        return false;
    }
}
