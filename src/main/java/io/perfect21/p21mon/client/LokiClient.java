package io.perfect21.p21mon.client;

import io.perfect21.p21mon.IoErrors;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import io.perfect21.p21mon.Json;
import io.perfect21.p21mon.P21monException;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

import java.io.IOException;
import java.io.StringWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Grafana Loki's HTTP API: {@code POST /loki/api/v1/push} with the JSON body
 * {@code {"streams":[{"stream":{labels},"values":[["<unix ns>","<line>"]]}]}}, and
 * {@code GET /loki/api/v1/query_range} (LogQL, nanosecond start/end, limit, direction) answering
 * {@code {"status":"success","data":{"resultType":"streams","result":[{"stream":{…},"values":[[ns,line]]}]}}}.
 */
public final class LokiClient {
    private static final MediaType JSON = MediaType.get("application/json");
    private static final JsonFactory FACTORY = new JsonFactory();
    private final HttpUrl base;
    private final OkHttpClient http;

    /** One stream of a push: its labels and its entries (nanosecond timestamp, line). */
    public record Stream(Map<String, String> labels, List<Entry> values) {
    }

    /** One log line and its time in nanoseconds since the epoch (and, when read back, its stream's labels). */
    public record Entry(long nanos, String line, Map<String, String> labels) {
    }

    /** Why a push failed: {@code retryable} for 429, 5xx and I/O errors. */
    public static final class PushException extends P21monException {
        private static final long serialVersionUID = 1L;
        private final boolean retryable;

        PushException(String message, boolean retryable, Throwable cause) {
            super(Kind.FAILED, message, cause);
            this.retryable = retryable;
        }

        public boolean retryable() {
            return retryable;
        }
    }

    public LokiClient(String baseUrl, String givenBy) {
        this.base = HttpClients.baseUrl(baseUrl, givenBy);
        this.http = HttpClients.shared();
    }

    /** A client whose every call (connect, send, answer) ends within the timeout. */
    public LokiClient(String baseUrl, String givenBy, java.time.Duration timeout) {
        this.base = HttpClients.baseUrl(baseUrl, givenBy);
        this.http = HttpClients.withTimeout(timeout);
    }

    /** Pushes the streams in one request. */
    public void push(List<Stream> streams) {
        HttpUrl url = base.newBuilder().addPathSegments("loki/api/v1/push").build();
        String body;
        try {
            StringWriter w = new StringWriter();
            try (JsonGenerator g = FACTORY.createGenerator(w)) {
                g.writeStartObject();
                g.writeArrayFieldStart("streams");
                for (Stream s : streams) {
                    g.writeStartObject();
                    g.writeObjectFieldStart("stream");
                    for (Map.Entry<String, String> l : s.labels().entrySet()) {
                        g.writeStringField(l.getKey(), l.getValue());
                    }
                    g.writeEndObject();
                    g.writeArrayFieldStart("values");
                    for (Entry e : s.values()) {
                        g.writeStartArray();
                        g.writeString(Long.toString(e.nanos()));
                        g.writeString(e.line());
                        g.writeEndArray();
                    }
                    g.writeEndArray();
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            body = w.toString();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        Request req = new Request.Builder().url(url).post(RequestBody.create(body, JSON)).build();
        try (Response resp = http.newCall(req).execute()) {
            if (!resp.isSuccessful()) {
                P21monException e = HttpClients.badStatus("POST", resp, resp.body().string());
                throw new PushException(IoErrors.describe(e), resp.code() == 429 || resp.code() >= 500, null);
            }
        } catch (IOException e) {
            throw new PushException(HttpClients.unreachable("POST", url, e).getMessage(), true, e);
        }
    }

    /** One page of a LogQL range query, entries of all streams merged in time order. */
    public List<Entry> queryRange(String logql, Instant start, Instant end, int limit, boolean forward) {
        HttpUrl url = base.newBuilder().addPathSegments("loki/api/v1/query_range")
                .addQueryParameter("query", logql)
                .addQueryParameter("start", Long.toString(nanos(start)))
                .addQueryParameter("end", Long.toString(nanos(end)))
                .addQueryParameter("limit", Integer.toString(limit))
                .addQueryParameter("direction", forward ? "forward" : "backward")
                .build();
        try (Response resp = http.newCall(new Request.Builder().url(url).get().build()).execute()) {
            String body = resp.body().string();
            if (!resp.isSuccessful()) {
                throw HttpClients.badStatus("GET", resp, body);
            }
            JsonNode root = Json.mapper().readTree(body);
            JsonNode result = root.path("data").path("result");
            if (!"success".equals(root.path("status").asText()) || !result.isArray()) {
                throw P21monException.failed("GET " + HttpClients.redact(url) + ": not a Loki query answer");
            }
            List<Entry> out = new ArrayList<>();
            for (JsonNode s : result) {
                Map<String, String> labels = new LinkedHashMap<>();
                s.path("stream").properties().forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
                for (JsonNode v : s.path("values")) {
                    out.add(new Entry(Long.parseLong(v.path(0).asText()), v.path(1).asText(), labels));
                }
            }
            out.sort((a, b) -> forward ? Long.compare(a.nanos(), b.nanos()) : Long.compare(b.nanos(), a.nanos()));
            return out;
        } catch (IOException e) {
            throw HttpClients.unreachable("GET", url, e);
        } catch (NumberFormatException e) {
            throw P21monException.failed("GET " + HttpClients.redact(url) + ": a timestamp is not a number", e);
        }
    }

    public static long nanos(Instant t) {
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }
}
