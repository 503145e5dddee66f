package io.perfect21.p21mon.client;

import io.perfect21.p21mon.P21monException;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The Pushgateway's push API: {@code /metrics/job/JOB{/LABEL/VALUE}} with the text exposition as body. The grouping
 * key is in the path; a value that is empty or contains {@code /} is sent base64url-encoded as
 * {@code LABEL@base64/VALUE}, as the Pushgateway documents. {@code PUT} replaces every metric of the group,
 * {@code POST} replaces only the metrics with the names pushed.
 */
public final class PushgatewayClient {
    private static final MediaType TEXT = MediaType.get("text/plain; version=0.0.4; charset=utf-8");

    private final HttpUrl base;
    private final OkHttpClient http;

    public PushgatewayClient(String baseUrl, Duration timeout) {
        this.base = HttpClients.baseUrl(baseUrl, "--gateway");
        this.http = HttpClients.withTimeout(timeout);
    }

    /** The group URL for the job and grouping labels. */
    public HttpUrl groupUrl(String job, Map<String, String> grouping) {
        HttpUrl.Builder b = base.newBuilder();
        List<String> segments = new ArrayList<>(base.pathSegments());
        segments.removeIf(String::isEmpty);
        b.encodedPath("/");
        segments.forEach(b::addPathSegment);
        b.addPathSegment("metrics");
        addPair(b, "job", job);
        grouping.forEach((k, v) -> addPair(b, k, v));
        return b.build();
    }

    private static void addPair(HttpUrl.Builder b, String label, String value) {
        if (value.isEmpty() || value.contains("/")) {
            b.addPathSegment(label + "@base64");
            b.addPathSegment(value.isEmpty() ? "="
                    : Base64.getUrlEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8)));
        } else {
            b.addPathSegment(label);
            b.addPathSegment(value);
        }
    }

    /**
     * Pushes the text exposition to the group.
     *
     * @param replaceGroup {@code PUT} (replace the whole group) instead of {@code POST} (replace same-named metrics)
     * @return the URL pushed to, for messages
     */
    public String push(String job, Map<String, String> grouping, byte[] exposition, boolean replaceGroup) {
        HttpUrl url = groupUrl(job, grouping);
        String method = replaceGroup ? "PUT" : "POST";
        Request request = new Request.Builder().url(url).method(method, RequestBody.create(exposition, TEXT)).build();
        try (Response response = http.newCall(request).execute()) {
            String body = response.body().string();
            if (!response.isSuccessful()) {
                throw HttpClients.badStatus(method, response, body);
            }
            return HttpClients.redact(url);
        } catch (IOException e) {
            throw HttpClients.unreachable(method, url, e);
        } catch (IllegalArgumentException e) {
            throw P21monException.usage(method + " " + HttpClients.redact(url) + ": " + e.getMessage());
        }
    }
}
