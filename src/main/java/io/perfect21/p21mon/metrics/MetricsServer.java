package io.perfect21.p21mon.metrics;

import io.perfect21.p21mon.IoErrors;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import io.perfect21.p21mon.P21monException;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The exporter's HTTP server: the Prometheus client's {@link HTTPServer} (its executor, TLS and authenticator
 * plumbing) with {@code /metrics} answered by {@link CachedScrapeHandler} from bytes the client's writers produced once
 * per snapshot of the {@link CachingRegistry}, plus {@code /health}, {@code /-/ready}, {@code /-/healthy} and a landing
 * page on {@code /}. The library's own per-request handler stays on {@code /metrics/}. TLS and basic auth come from a
 * {@link WebConfig} and cover every path.
 */
public final class MetricsServer implements AutoCloseable {
    static {
        // The JDK server writes headers and body in separate packets; with Nagle's algorithm on, the body waits for
        // the client's delayed ACK (~40 ms a scrape). Read once when the JDK's server classes load, so set it first.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    static final int HTTP_THREADS = Math.max(2, Math.min(4, Runtime.getRuntime().availableProcessors()));

    private final HTTPServer server;
    private final Listen listen;
    private final boolean tls;
    private final CountDownLatch closed = new CountDownLatch(1);

    private MetricsServer(HTTPServer server, Listen listen, boolean tls) {
        this.server = server;
        this.listen = listen;
        this.tls = tls;
    }

    /**
     * Binds and starts serving.
     *
     * @param ready  answer of {@code /-/ready}
     * @param health answer of {@code /health}
     * @throws P21monException naming the address when it cannot be bound (in use, not local, no permission)
     */
    public static MetricsServer start(Listen listen, WebConfig web, CachingRegistry registry,
                                      Supplier<HttpAnswer> ready, Supplier<HttpAnswer> health) {
        HTTPServer.Builder b = HTTPServer.builder()
                .port(listen.port())
                .registry(registry)
                // the library's handler takes /metrics/ (prefix match: /metrics itself is not under it), so /metrics
                // reaches the default handler, which answers it from the serialized cache
                .metricsHandlerPath("/metrics/")
                .registerHealthHandler(true)
                .defaultHandler(new Pages(new CachedScrapeHandler(registry), ready, health))
                // a small fixed pool, one thread a core (2 to 4): scrapes are answered from memory, more threads
                // would only add contention and memory (each has its stack and allocation buffer)
                .executorService(new ThreadPoolExecutor(HTTP_THREADS, HTTP_THREADS, 60, TimeUnit.SECONDS,
                        new ArrayBlockingQueue<>(256),
                        r -> {
                            Thread t = new Thread(r, "p21mon-http");
                            t.setDaemon(true);
                            return t;
                        }, new ThreadPoolExecutor.CallerRunsPolicy()));
        if (!listen.host().isEmpty()) {
            b.hostname(listen.host());
        }
        if (web.tls() != null) {
            SSLContext context = PemTls.serverContext(web.tls().certFile(), web.tls().keyFile());
            String min = web.tls().minVersion();
            String max = web.tls().maxVersion();
            b.httpsConfigurator(new HttpsConfigurator(context) {
                @Override
                public void configure(HttpsParameters params) {
                    SSLParameters p = context.getDefaultSSLParameters();
                    p.setProtocols(protocols(p.getProtocols(), min, max));
                    params.setSSLParameters(p);
                }
            });
        }
        if (!web.basicAuthUsers().isEmpty()) {
            b.authenticator(new BcryptAuthenticator("p21mon", web.basicAuthUsers()));
        }
        try {
            return new MetricsServer(b.buildAndStart(), listen, web.tls() != null);
        } catch (BindException e) {
            throw P21monException.failed("cannot listen on " + listen + ": " + bindReason(e)
                    + " (--listen or metrics.port)", e);
        } catch (IOException | RuntimeException e) {
            throw P21monException.failed("cannot listen on " + listen + ": " + IoErrors.describe(listen, e), e);
        }
    }

    private static String bindReason(BindException e) {
        String m = String.valueOf(e.getMessage());
        if (m.toLowerCase(java.util.Locale.ROOT).contains("in use")) {
            return "address already in use";
        }
        return m;
    }

    static String[] protocols(String[] available, String min, String max) {
        List<String> order = List.of("TLSv1.2", "TLSv1.3");
        int lo = min == null ? 0 : order.indexOf(min);
        int hi = max == null ? order.size() - 1 : order.indexOf(max);
        List<String> out = new ArrayList<>();
        for (String p : available) {
            int i = order.indexOf(p);
            if (i >= lo && i <= hi && i >= 0) {
                out.add(p);
            }
        }
        if (out.isEmpty()) {
            out.addAll(Arrays.asList("TLSv1.2", "TLSv1.3"));
        }
        return out.toArray(new String[0]);
    }

    /** The port bound (useful with port 0). */
    public int port() {
        return server.getPort();
    }

    /** The base URL to reach the server ({@code localhost} for a wildcard bind). */
    public String url() {
        String host = listen.host().isEmpty() || listen.host().equals("0.0.0.0") || listen.host().equals("::")
                ? "localhost" : listen.host();
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return (tls ? "https" : "http") + "://" + host + ":" + port();
    }

    /** Blocks until {@link #close()}. */
    public void awaitClose() throws InterruptedException {
        closed.await();
    }

    /** Stops accepting, ends the server's threads; idempotent. */
    @Override
    public void close() {
        if (closed.getCount() > 0) {
            server.close();
            closed.countDown();
        }
    }

    /** {@code /metrics}, {@code /}, {@code /health}, {@code /-/ready}; anything else 404. */
    private static final class Pages implements HttpHandler {
        private final HttpHandler metrics;
        private final Supplier<HttpAnswer> ready;
        private final Supplier<HttpAnswer> health;

        Pages(HttpHandler metrics, Supplier<HttpAnswer> ready, Supplier<HttpAnswer> health) {
            this.metrics = metrics;
            this.ready = ready;
            this.health = health;
        }

        @Override
        public void handle(HttpExchange exchange) throws IOException {
            if (exchange.getRequestURI().getPath().equals("/metrics")) {
                metrics.handle(exchange);
                return;
            }
            try (exchange) {
                exchange.getRequestBody().readAllBytes();
                String path = exchange.getRequestURI().getPath();
                HttpAnswer answer = switch (path) {
                    case "/health", "/health/" -> health.get();
                    case "/-/ready" -> ready.get();
                    case "/" -> new HttpAnswer(200, "text/html; charset=utf-8", ("<html><head><title>p21mon</title>"
                            + "</head><body><h1>p21mon exporter</h1><ul><li><a href=\"metrics\">metrics</a></li>"
                            + "<li><a href=\"health\">health</a></li><li><a href=\"-/ready\">ready</a></li></ul>"
                            + "</body></html>\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    default -> HttpAnswer.text(404, "not found: " + path + "\n");
                };
                exchange.getResponseHeaders().set("Content-Type", answer.contentType());
                boolean head = exchange.getRequestMethod().equals("HEAD");
                exchange.sendResponseHeaders(answer.status(), head ? -1 : answer.body().length);
                if (!head) {
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(answer.body());
                    }
                }
            }
        }
    }
}
