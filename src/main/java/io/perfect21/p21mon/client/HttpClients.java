package io.perfect21.p21mon.client;

import io.perfect21.p21mon.P21monException;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Response;

import java.io.IOException;
import java.time.Duration;

/**
 * The one {@link OkHttpClient} every p21mon client shares (one connection pool, one dispatcher), with connect and read
 * timeouts on every call, and the errors every client raises: they name the method and URL (without credentials or
 * query string, where secrets hide) and the status or the I/O problem.
 */
public final class HttpClients {
    /** Default connect timeout. */
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** Default read, write and whole-call timeout. */
    public static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

    private HttpClients() {
    }

    private static final class Holder {
        static final OkHttpClient SHARED = new OkHttpClient.Builder()
                .connectTimeout(CONNECT_TIMEOUT)
                .readTimeout(CALL_TIMEOUT)
                .writeTimeout(CALL_TIMEOUT)
                .callTimeout(CALL_TIMEOUT)
                .retryOnConnectionFailure(true)
                .build();
    }

    /** The shared client with the default timeouts. */
    public static OkHttpClient shared() {
        return Holder.SHARED;
    }

    /** A client sharing the pool and dispatcher of {@link #shared()} whose every call ends within the timeout. */
    public static OkHttpClient withTimeout(Duration timeout) {
        Duration connect = timeout.compareTo(CONNECT_TIMEOUT) < 0 ? timeout : CONNECT_TIMEOUT;
        return shared().newBuilder()
                .connectTimeout(connect)
                .readTimeout(timeout)
                .writeTimeout(timeout)
                .callTimeout(timeout)
                .build();
    }

    /** The URL as it may be shown: scheme, host, port and path; no user info, no query. */
    public static String redact(HttpUrl url) {
        return url.newBuilder().username("").password("").query(null).fragment(null).build().toString();
    }

    /** A failure to reach the server at all (refused, timed out, reset). */
    public static P21monException unreachable(String method, HttpUrl url, IOException e) {
        String why = e instanceof java.io.InterruptedIOException ? "timed out" : String.valueOf(e.getMessage());
        return P21monException.failed(method + " " + redact(url) + ": " + why, e);
    }

    /** A non-2xx answer; includes the first line of the body, which servers use for their error text. */
    public static P21monException badStatus(String method, Response response, String body) {
        String excerpt = body == null ? "" : body.strip();
        int nl = excerpt.indexOf('\n');
        if (nl >= 0) {
            excerpt = excerpt.substring(0, nl);
        }
        if (excerpt.length() > 300) {
            excerpt = excerpt.substring(0, 300) + "…";
        }
        return P21monException.failed(method + " " + redact(response.request().url()) + ": HTTP " + response.code()
                + (excerpt.isEmpty() ? "" : ": " + excerpt));
    }

    /** A server's answer as JSON, or null when it is not JSON (the caller says what it expected). */
    static com.fasterxml.jackson.databind.JsonNode jsonOrNull(String body) {
        try {
            return io.perfect21.p21mon.Json.mapper().readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    /** The start of an answer that is not what was expected, on one line, for an error message. */
    static String excerpt(String body) {
        String s = body.strip().replaceAll("\\s+", " ");
        return s.isEmpty() ? "(empty)" : s.length() > 120 ? s.substring(0, 120) + "…" : s;
    }

    /** Parses a user-given base URL, naming the flag or key it came from when it is not one. */
    public static HttpUrl baseUrl(String url, String givenBy) {
        HttpUrl parsed = url == null ? null : HttpUrl.parse(url);
        if (parsed == null) {
            throw P21monException.usage(givenBy + ": '" + url + "' is not an http(s) URL");
        }
        return parsed;
    }
}
