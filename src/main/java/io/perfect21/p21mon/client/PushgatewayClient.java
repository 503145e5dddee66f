package io.perfect21.p21mon.client;

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
import java.util.Map;

/**
 * Prometheus Pushgateway: {@code PUT /metrics/job/J/label/value…} with text exposition (replacing the group), and
 * {@code GET /api/v1/metrics} to read groups back.
 */
public final class PushgatewayClient {
    private static final MediaType TEXT = MediaType.get("text/plain; version=0.0.4; charset=utf-8");
    private final HttpUrl base;
    private final OkHttpClient http;

    public PushgatewayClient(String baseUrl, String givenBy) {
        this.base = HttpClients.baseUrl(baseUrl, givenBy);
        this.http = HttpClients.shared();
    }

    /** Replaces the group {job, labels...} with the given exposition text. */
    public void put(String job, Map<String, String> grouping, String exposition) {
        HttpUrl.Builder u = base.newBuilder().addPathSegment("metrics").addPathSegment("job").addPathSegment(job);
        grouping.forEach((k, v) -> u.addPathSegment(k).addPathSegment(v));
        HttpUrl url = u.build();
        Request req = new Request.Builder().url(url).put(RequestBody.create(exposition, TEXT)).build();
        try (Response resp = http.newCall(req).execute()) {
            if (!resp.isSuccessful()) {
                throw HttpClients.badStatus("PUT", resp, resp.body().string());
            }
        } catch (IOException e) {
            throw HttpClients.unreachable("PUT", url, e);
        }
    }

    /** The {@code data} array of {@code GET /api/v1/metrics}: one entry per group, with its labels and metric families. */
    public JsonNode groups() {
        HttpUrl url = base.newBuilder().addPathSegments("api/v1/metrics").build();
        try (Response resp = http.newCall(new Request.Builder().url(url).get().build()).execute()) {
            String body = resp.body().string();
            if (!resp.isSuccessful()) {
                throw HttpClients.badStatus("GET", resp, body);
            }
            JsonNode data = Json.mapper().readTree(body).path("data");
            if (!data.isArray()) {
                throw P21monException.failed("GET " + HttpClients.redact(url) + ": not a Pushgateway answer (no data array)");
            }
            return data;
        } catch (IOException e) {
            throw HttpClients.unreachable("GET", url, e);
        }
    }
}
