package io.perfect21.p21mon.alerts.notify;

import io.perfect21.p21mon.IoErrors;
import io.perfect21.p21mon.client.HttpClients;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;

/**
 * A JSON POST to a secret URL (Slack's and webhooks' URLs carry their token in the path) on the shared HTTP client,
 * within the channel's timeout. Errors show the URL as {@code scheme://host:port/…} only.
 */
final class HttpDelivery {
    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

    private final String channel;
    private final HttpUrl url;
    private final OkHttpClient client;

    HttpDelivery(String channel, String url, String key, Duration timeout) {
        this.channel = channel;
        HttpUrl parsed = url == null ? null : HttpUrl.parse(url.strip());
        if (parsed == null) {
            throw io.perfect21.p21mon.P21monException.usage(key + ": not an http(s) URL (channel " + channel + ")");
        }
        this.url = parsed;
        this.client = HttpClients.withTimeout(timeout);
    }

    /** Where the channel posts, without its secret path. */
    String shown() {
        return url.scheme() + "://" + url.host() + ":" + url.port() + "/…";
    }

    /** POSTs the body; returns the answer's body. 5xx, 408, 429 and I/O errors are retryable, other 4xx are not. */
    String post(byte[] body, String idempotencyKey) throws DeliveryException {
        Request.Builder request = new Request.Builder().url(url).post(RequestBody.create(body, JSON));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        try (Response response = client.newCall(request.build()).execute()) {
            String answer = response.body().string();
            if (!response.isSuccessful()) {
                int code = response.code();
                boolean retryable = code >= 500 || code == 408 || code == 429;
                String excerpt = answer.strip().replaceAll("\\s+", " ");
                excerpt = excerpt.length() > 120 ? excerpt.substring(0, 120) + "…" : excerpt;
                throw new DeliveryException(channel + " " + shown() + ": HTTP " + code
                        + (excerpt.isEmpty() ? "" : ": " + excerpt), retryable, null);
            }
            return answer;
        } catch (DeliveryException e) {
            throw e;
        } catch (IOException e) {
            String why = e instanceof InterruptedIOException ? "timed out" : String.valueOf(IoErrors.describe(e));
            // the exception text may quote the URL: never pass it on
            why = why.replace(url.toString(), shown());
            throw new DeliveryException(channel + " " + shown() + ": " + why, true, e);
        }
    }
}
