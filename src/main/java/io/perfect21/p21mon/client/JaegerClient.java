package io.perfect21.p21mon.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.perfect21.p21mon.Json;
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
 * Jaeger's HTTP query API as its UI uses it: {@code /api/services}, {@code /api/traces?service=…} and
 * {@code /api/traces/ID}, answering {@code {"data": …, "errors": …}} with times in microseconds, tags as
 * {@code [{"key","type","value"}]} and each span's service in the trace's {@code processes}. An API error is reported
 * as Jaeger words it; an answer that is not that JSON, a refused connection or a timeout is an error naming the URL.
 *
 * <pre>{@code
 * List<JaegerClient.Trace> traces = new JaegerClient("http://localhost:16686", Duration.ofSeconds(30))
 *         .traces(new JaegerClient.Query("checkout", null, start, end, "500ms", Map.of("error", "true"), 20));
 * }</pre>
 */
public final class JaegerClient {
    /** A trace search: service (required), operation, time window, minimum duration (Jaeger's syntax), tags, limit. */
    public record Query(String service, String operation, Instant start, Instant end, String minDuration,
                        Map<String, String> tags, int limit) {
    }

    /** One span: ids, parent (null for a root), operation, the process's service, µs times, tags as strings. */
    public record Span(String traceId, String spanId, String parentSpanId, String operation, String service,
                       long startMicros, long durationMicros, Map<String, String> tags) {
        /** Jaeger's error marker ({@code error=true}) or OpenTelemetry's status ({@code otel.status_code=ERROR}). */
        public boolean error() {
            return "true".equalsIgnoreCase(tags.get("error")) || "ERROR".equals(tags.get("otel.status_code"));
        }
    }

    public record Trace(String traceId, List<Span> spans) {
    }

    private final HttpUrl base;
    private final OkHttpClient http;

    public JaegerClient(String baseUrl, Duration timeout) {
        this.base = HttpClients.baseUrl(baseUrl, "--jaeger");
        this.http = HttpClients.withTimeout(timeout);
    }

    /** The base URL as it may be shown. */
    public String url() {
        String u = HttpClients.redact(base);
        return u.endsWith("/") ? u.substring(0, u.length() - 1) : u;
    }

    /** The services Jaeger knows, sorted. */
    public List<String> services() {
        JsonNode data = get(endpoint("api", "services").build(), null);
        List<String> out = new ArrayList<>();
        data.forEach(s -> out.add(s.asText()));
        out.sort(null);
        return out;
    }

    /** The traces matching the query, as Jaeger orders them. */
    public List<Trace> traces(Query q) {
        HttpUrl.Builder url = endpoint("api", "traces").addQueryParameter("service", q.service());
        if (q.operation() != null) {
            url.addQueryParameter("operation", q.operation());
        }
        url.addQueryParameter("start", Long.toString(micros(q.start())));
        url.addQueryParameter("end", Long.toString(micros(q.end())));
        if (q.minDuration() != null) {
            url.addQueryParameter("minDuration", q.minDuration());
        }
        if (!q.tags().isEmpty()) {
            try {
                url.addQueryParameter("tags", Json.mapper().writeValueAsString(q.tags()));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        url.addQueryParameter("limit", Integer.toString(q.limit()));
        return traces(get(url.build(), null));
    }

    /**
     * One trace by id.
     *
     * @throws P21monException naming the id when Jaeger does not have it
     */
    public Trace trace(String traceId) {
        List<Trace> found = traces(get(endpoint("api", "traces", traceId).build(), traceId));
        if (found.isEmpty()) {
            throw P21monException.failed("trace " + traceId + " not found in Jaeger at " + url());
        }
        return found.get(0);
    }

    private HttpUrl.Builder endpoint(String... path) {
        HttpUrl.Builder b = base.newBuilder().encodedPath("/");
        base.pathSegments().stream().filter(s -> !s.isEmpty()).forEach(b::addPathSegment);
        for (String p : path) {
            b.addPathSegment(p);
        }
        return b;
    }

    private static long micros(Instant t) {
        return t.getEpochSecond() * 1_000_000L + t.getNano() / 1000;
    }

    private JsonNode get(HttpUrl url, String traceId) {
        Request request = new Request.Builder().url(url).header("Accept", "application/json").get().build();
        String where = "GET " + HttpClients.redact(url);
        try (Response response = http.newCall(request).execute()) {
            String body = response.body().string();
            JsonNode root = HttpClients.jsonOrNull(body);
            if (root == null || !root.isObject() || !root.has("data")) {
                if (!response.isSuccessful()) {
                    throw HttpClients.badStatus("GET", response, body);
                }
                throw P21monException.failed(where + ": the answer is not Jaeger query API JSON (HTTP " + response.code()
                        + "): " + HttpClients.excerpt(body) + "; is this Jaeger's query port (16686)?");
            }
            JsonNode errors = root.path("errors");
            if (errors.isArray() && errors.size() > 0) {
                JsonNode first = errors.get(0);
                if (traceId != null && (first.path("code").asInt() == 404 || response.code() == 404)) {
                    throw P21monException.failed("trace " + traceId + " not found in Jaeger at " + url());
                }
                throw P21monException.failed(where + ": Jaeger: " + first.path("msg").asText(first.toString()));
            }
            if (!response.isSuccessful()) {
                throw HttpClients.badStatus("GET", response, body);
            }
            return root.path("data");
        } catch (IOException e) {
            throw HttpClients.unreachable("GET", url, e);
        }
    }



    private static List<Trace> traces(JsonNode data) {
        List<Trace> out = new ArrayList<>();
        if (!data.isArray()) {
            return out;
        }
        for (JsonNode t : data) {
            Map<String, String> services = new LinkedHashMap<>();
            t.path("processes").properties().forEach(e -> services.put(e.getKey(), e.getValue().path("serviceName").asText("")));
            List<Span> spans = new ArrayList<>();
            for (JsonNode s : t.path("spans")) {
                spans.add(span(s, services));
            }
            String id = t.path("traceID").asText(spans.isEmpty() ? "" : spans.get(0).traceId());
            out.add(new Trace(id, spans));
        }
        return out;
    }

    private static Span span(JsonNode s, Map<String, String> services) {
        String parent = null;
        for (JsonNode ref : s.path("references")) {
            if ("CHILD_OF".equals(ref.path("refType").asText()) || parent == null) {
                parent = ref.path("spanID").asText(null);
                if ("CHILD_OF".equals(ref.path("refType").asText())) {
                    break;
                }
            }
        }
        if (parent == null && s.hasNonNull("parentSpanID") && !s.path("parentSpanID").asText().matches("0*")) {
            parent = s.path("parentSpanID").asText();
        }
        Map<String, String> tags = new LinkedHashMap<>();
        for (JsonNode tag : s.path("tags")) {
            JsonNode v = tag.path("value");
            tags.put(tag.path("key").asText(), v.isValueNode() ? v.asText() : v.toString());
        }
        String processId = s.path("processID").asText("");
        String service = services.getOrDefault(processId, s.path("process").path("serviceName").asText(""));
        return new Span(s.path("traceID").asText(), s.path("spanID").asText(), parent, s.path("operationName").asText(""),
                service, s.path("startTime").asLong(), s.path("duration").asLong(), tags);
    }
}
