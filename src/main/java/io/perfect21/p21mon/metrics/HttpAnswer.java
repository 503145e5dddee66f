package io.perfect21.p21mon.metrics;

import java.nio.charset.StandardCharsets;

/** An HTTP answer of the exporter's own endpoints ({@code /health}, {@code /-/ready}): status, type, body. */
public record HttpAnswer(int status, String contentType, byte[] body) {
    public static HttpAnswer text(int status, String text) {
        return new HttpAnswer(status, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
    }

    public static HttpAnswer json(int status, String json) {
        return new HttpAnswer(status, "application/json", json.getBytes(StandardCharsets.UTF_8));
    }
}
