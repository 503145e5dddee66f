package io.perfect21.p21mon.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.perfect21.p21mon.P21monException;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Prometheus HTTP API ({@code /api/v1/query}, {@code /api/v1/query_range}) as Prometheus, Thanos, Mimir and
 * VictoriaMetrics serve it. An API error is reported as the server words it ({@code errorType: error}); an answer that
 * is not the API's JSON, a refused connection or a timeout is an error naming the URL.
 *
 * <pre>{@code
 * QueryResult r = new PrometheusClient("http://localhost:9090", Duration.ofSeconds(30)).query("up", null);
 * }</pre>
 */
public final class PrometheusClient {
    private final HttpUrl base;
    private final OkHttpClient http;

    public PrometheusClient(String baseUrl, Duration timeout) {
        this.base = HttpClients.baseUrl(baseUrl, "--prometheus");
        this.http = HttpClients.withTimeout(timeout);
    }

    /** An instant query at {@code time} (null: the server's now). */
    public QueryResult query(String promql, Instant time) {
        HttpUrl.Builder url = endpoint("api/v1/query").addQueryParameter("query", promql);
        if (time != null) {
            url.addQueryParameter("time", seconds(time));
        }
        return call(promql, url.build());
    }

    /** A range query from {@code start} to {@code end} every {@code step}. */
    public QueryResult queryRange(String promql, Instant start, Instant end, Duration step) {
        HttpUrl url = endpoint("api/v1/query_range")
                .addQueryParameter("query", promql)
                .addQueryParameter("start", seconds(start))
                .addQueryParameter("end", seconds(end))
                .addQueryParameter("step", Double.toString(step.toMillis() / 1000.0))
                .build();
        return call(promql, url);
    }

    /**
     * The alerts the server's rules hold now ({@code GET /api/v1/alerts}), firing and pending, as
     * {@link AlertmanagerClient.GettableAlert}s: state {@code firing} or {@code pending}, {@code startsAt} the time it
     * became active, no fingerprint.
     */
    public List<AlertmanagerClient.GettableAlert> alerts() {
        HttpUrl url = endpoint("api/v1/alerts").build();
        Request request = new Request.Builder().url(url).header("Accept", "application/json").get().build();
        try (Response response = http.newCall(request).execute()) {
            String body = response.body().string();
            JsonNode root = HttpClients.jsonOrNull(body);
            if (!response.isSuccessful() || root == null || !"success".equals(root.path("status").asText())) {
                if (!response.isSuccessful()) {
                    throw HttpClients.badStatus("GET", response, body);
                }
                throw P21monException.failed("GET " + HttpClients.redact(url) + ": not a Prometheus alerts answer: "
                        + HttpClients.excerpt(body));
            }
            List<AlertmanagerClient.GettableAlert> out = new ArrayList<>();
            for (JsonNode a : root.path("data").path("alerts")) {
                Map<String, String> labels = new java.util.TreeMap<>();
                a.path("labels").properties().forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
                Map<String, String> annotations = new java.util.TreeMap<>();
                a.path("annotations").properties().forEach(e -> annotations.put(e.getKey(), e.getValue().asText()));
                Instant active = null;
                try {
                    active = java.time.OffsetDateTime.parse(a.path("activeAt").asText()).toInstant();
                } catch (java.time.format.DateTimeParseException e) {
                    // no activeAt: leave it empty
                }
                out.add(new AlertmanagerClient.GettableAlert("", labels, annotations, active, null,
                        a.path("state").asText(), List.of(), List.of(), List.of()));
            }
            return out;
        } catch (IOException e) {
            throw HttpClients.unreachable("GET", url, e);
        }
    }

    /** Every metric name the server has series of ({@code GET /api/v1/label/__name__/values}). */
    public java.util.Set<String> metricNames() {
        HttpUrl url = endpoint("api/v1/label/__name__/values").build();
        Request request = new Request.Builder().url(url).header("Accept", "application/json").get().build();
        try (Response response = http.newCall(request).execute()) {
            String body = response.body().string();
            JsonNode root = HttpClients.jsonOrNull(body);
            if (!response.isSuccessful()) {
                throw HttpClients.badStatus("GET", response, body);
            }
            if (root == null || !"success".equals(root.path("status").asText()) || !root.path("data").isArray()) {
                throw P21monException.failed("GET " + HttpClients.redact(url) + ": not a Prometheus label values answer: "
                        + HttpClients.excerpt(body));
            }
            java.util.Set<String> names = new java.util.TreeSet<>();
            root.path("data").forEach(n -> names.add(n.asText()));
            return names;
        } catch (IOException e) {
            throw HttpClients.unreachable("GET", url, e);
        }
    }

    private HttpUrl.Builder endpoint(String path) {
        HttpUrl.Builder b = base.newBuilder();
        for (String segment : path.split("/")) {
            b.addPathSegment(segment);
        }
        // a base URL with a trailing slash leaves an empty segment before ours: drop it
        HttpUrl built = b.build();
        List<String> segments = new ArrayList<>(built.pathSegments());
        segments.removeIf(String::isEmpty);
        HttpUrl.Builder clean = built.newBuilder().encodedPath("/");
        segments.forEach(clean::addPathSegment);
        return clean;
    }

    private static String seconds(Instant t) {
        return java.math.BigDecimal.valueOf(t.toEpochMilli()).movePointLeft(3).stripTrailingZeros().toPlainString();
    }

    private QueryResult call(String promql, HttpUrl url) {
        Request request = new Request.Builder().url(url).header("Accept", "application/json").get().build();
        String where = "GET " + HttpClients.redact(url);
        try (Response response = http.newCall(request).execute()) {
            String body = response.body().string();
            JsonNode root = HttpClients.jsonOrNull(body);
            if (root == null || !root.isObject() || !root.has("status")) {
                if (!response.isSuccessful()) {
                    throw HttpClients.badStatus("GET", response, body);
                }
                throw P21monException.failed(where + ": the answer is not Prometheus API JSON (HTTP " + response.code()
                        + ", " + response.header("Content-Type", "no content type") + "): " + HttpClients.excerpt(body));
            }
            if (!"success".equals(root.path("status").asText())) {
                throw P21monException.failed(where + ": " + root.path("errorType").asText("error") + ": "
                        + root.path("error").asText("(no error text)"));
            }
            return result(promql, root);
        } catch (IOException e) {
            throw HttpClients.unreachable("GET", url, e);
        }
    }



    private static QueryResult result(String promql, JsonNode root) {
        JsonNode data = root.path("data");
        String type = data.path("resultType").asText("");
        List<QueryResult.Series> series = new ArrayList<>();
        JsonNode result = data.path("result");
        switch (type) {
            case "vector", "matrix" -> {
                for (JsonNode s : result) {
                    Map<String, String> labels = new LinkedHashMap<>();
                    s.path("metric").properties().forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
                    List<QueryResult.Point> points = new ArrayList<>();
                    if (s.has("value")) {
                        points.add(point(s.get("value")));
                    }
                    for (JsonNode v : s.path("values")) {
                        points.add(point(v));
                    }
                    series.add(new QueryResult.Series(labels, points));
                }
            }
            case "scalar", "string" -> series.add(new QueryResult.Series(Map.of(), List.of(point(result))));
            default -> throw P21monException.failed("the server answered an unknown resultType '" + type + "'");
        }
        List<String> warnings = new ArrayList<>();
        root.path("warnings").forEach(w -> warnings.add(w.asText()));
        return new QueryResult(promql, type, series, warnings);
    }

    private static QueryResult.Point point(JsonNode pair) {
        return new QueryResult.Point(pair.path(0).asDouble(), pair.path(1).asText());
    }
}
