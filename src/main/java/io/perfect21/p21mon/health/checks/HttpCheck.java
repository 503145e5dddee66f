package io.perfect21.p21mon.health.checks;

import io.perfect21.p21mon.client.HttpClients;
import io.perfect21.p21mon.config.CheckConfig;
import io.perfect21.p21mon.health.CheckOptions;
import io.perfect21.p21mon.health.ConfiguredCheck;
import io.perfect21.p21mon.health.HealthCheckResult;
import io.perfect21.p21mon.health.HealthContext;
import io.perfect21.p21mon.health.HealthStatus;
import io.perfect21.p21mon.health.Perfdata;
import io.perfect21.p21mon.health.Thresholds;
import okhttp3.Handshake;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * {@code http}: one request to {@code url}. Unhealthy when the status is not {@code expect_status} (a number or a
 * list; default any 2xx), the latency exceeds {@code max_latency_ms}, the body lacks {@code body_contains} or does
 * not match {@code body_regex}, or the TLS certificate has expired; degraded when the certificate expires within
 * {@code cert_expiry_days}. {@code warning}/{@code critical} ranges apply to the latency in milliseconds. Other keys:
 * {@code method} (GET or HEAD), {@code headers}, {@code follow_redirects} (default false), {@code ca_file} (PEM
 * certificates to trust instead of the system's) and {@code insecure} (trust any certificate, for self-signed test
 * servers; the certificate's expiry is still checked).
 */
public final class HttpCheck extends ConfiguredCheck {
    private static final int MAX_BODY = 1024 * 1024;

    private final HttpUrl url;
    private final String method;
    private final List<Integer> expectStatus;
    private final Integer maxLatencyMs;
    private final String bodyContains;
    private final Pattern bodyRegex;
    private final Integer certExpiryDays;
    private final Map<String, String> headers;
    private final boolean followRedirects;
    private final boolean insecure;
    private final Path caFile;
    private final Thresholds thresholds;
    private final Duration timeout;

    public HttpCheck(CheckConfig config, HealthContext context) {
        super(config);
        CheckOptions o = CheckOptions.of(config, List.of("url"), "method", "expect_status", "max_latency_ms",
                "body_contains", "body_regex", "cert_expiry_days", "headers", "follow_redirects", "insecure", "ca_file");
        String u = o.requiredString("url");
        this.url = HttpUrl.parse(u);
        if (url == null) {
            throw o.error("url", "'" + io.perfect21.p21mon.config.Secrets.redactUrls(u) + "' is not an http(s) URL");
        }
        this.method = o.string("method", "GET").toUpperCase(Locale.ROOT);
        if (!method.equals("GET") && !method.equals("HEAD")) {
            throw o.error("method", "must be GET or HEAD, got '" + method + "'");
        }
        List<Integer> codes = new ArrayList<>();
        for (String s : o.strings("expect_status")) {
            try {
                codes.add(Integer.parseInt(s.strip()));
            } catch (NumberFormatException e) {
                throw o.error("expect_status", "expected an HTTP status code or a list of them, got '" + s + "'");
            }
        }
        this.expectStatus = List.copyOf(codes);
        this.maxLatencyMs = o.optionalInt("max_latency_ms");
        this.bodyContains = o.string("body_contains", null);
        String regex = o.string("body_regex", null);
        try {
            this.bodyRegex = regex == null ? null : Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw o.error("body_regex", "not a regular expression: " + e.getDescription());
        }
        this.certExpiryDays = o.optionalInt("cert_expiry_days");
        this.headers = o.stringMap("headers");
        this.followRedirects = o.bool("follow_redirects", false);
        this.insecure = o.bool("insecure", false);
        String ca = o.string("ca_file", null);
        this.caFile = ca == null ? null : context.resolve(ca);
        if (caFile != null && !Files.isReadable(caFile)) {
            throw o.error("ca_file", caFile + " is not a readable file");
        }
        this.thresholds = o.thresholds();
        this.timeout = config.timeout() != null ? config.timeout() : context.config().health().timeout();
    }

    @Override
    public HealthCheckResult check() throws IOException, GeneralSecurityException {
        TrustAll trustAll = insecure ? new TrustAll() : null;
        OkHttpClient client = client(trustAll);
        Request.Builder rb = new Request.Builder().url(url).method(method, null);
        headers.forEach(rb::header);
        String shown = HttpClients.redact(url);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("url", shown);
        long t0 = System.nanoTime();
        try (Response response = client.newCall(rb.build()).execute()) {
            String body = method.equals("HEAD") ? "" : read(response.body());
            double ms = (System.nanoTime() - t0) / 1e6;
            double latency = Math.round(ms * 100) / 100.0;
            int code = response.code();
            details.put("status_code", code);
            details.put("latency_ms", latency);
            details.put("protocol", response.protocol().toString());
            List<Perfdata> perf = new ArrayList<>();
            perf.add(Perfdata.of("time", latency, "ms", thresholds, 0.0, null));
            perf.add(Perfdata.of("size", body.length(), "B"));
            List<String> problems = new ArrayList<>();
            HealthStatus status = thresholds.status(ms);
            boolean statusOk = expectStatus.isEmpty() ? code >= 200 && code < 300 : expectStatus.contains(code);
            if (!statusOk) {
                status = HealthStatus.UNHEALTHY;
                problems.add("HTTP " + code + ", expected " + (expectStatus.isEmpty() ? "2xx" : expectStatus.size() == 1
                        ? expectStatus.get(0) : expectStatus.toString()));
            }
            if (maxLatencyMs != null && ms > maxLatencyMs) {
                status = HealthStatus.UNHEALTHY;
                problems.add(String.format(Locale.ROOT, "latency %.0f ms above %d ms", ms, maxLatencyMs));
            }
            if (bodyContains != null && !body.contains(bodyContains)) {
                status = HealthStatus.UNHEALTHY;
                problems.add("body does not contain '" + bodyContains + "'");
            }
            if (bodyRegex != null && !bodyRegex.matcher(body).find()) {
                status = HealthStatus.UNHEALTHY;
                problems.add("body does not match /" + bodyRegex.pattern() + "/");
            }
            status = status.worse(certificate(response.handshake(), trustAll, details, perf, problems));
            String summary = String.format(Locale.ROOT, "HTTP %d in %.0f ms", code, ms);
            String message = problems.isEmpty() ? summary : String.join(", ", problems) + " (" + summary + ")";
            return result(status, message, details, perf);
        } catch (java.net.UnknownHostException e) {
            return result(HealthStatus.UNKNOWN, method + " " + shown + ": unknown host " + url.host(), details, List.of());
        } catch (javax.net.ssl.SSLPeerUnverifiedException e) {
            return result(HealthStatus.UNHEALTHY, method + " " + shown + ": TLS: " + hostnameProblem(url.host(), e),
                    details, List.of());
        } catch (javax.net.ssl.SSLException e) {
            return result(HealthStatus.UNHEALTHY, method + " " + shown + ": TLS: " + oneLine(e), details, List.of());
        } catch (IOException e) {
            String why = e instanceof java.io.InterruptedIOException ? "timed out after "
                    + io.perfect21.p21mon.config.Durations.format(timeout) : oneLine(e);
            return result(HealthStatus.UNHEALTHY, method + " " + shown + ": " + why, details, List.of());
        }
    }

    private HealthStatus certificate(Handshake handshake, TrustAll trustAll, Map<String, Object> details,
                                     List<Perfdata> perf, List<String> problems) {
        if (handshake == null) {
            return HealthStatus.HEALTHY;
        }
        List<Certificate> certs = handshake.peerCertificates();
        if (certs.isEmpty() && trustAll != null && trustAll.seen != null) {
            certs = List.of(trustAll.seen);
        }
        if (certs.isEmpty() || !(certs.get(0) instanceof X509Certificate leaf)) {
            return HealthStatus.HEALTHY;
        }
        Instant notAfter = leaf.getNotAfter().toInstant();
        double days = Duration.between(Instant.now(), notAfter).toSeconds() / 86400.0;
        double shown = Math.floor(days * 10) / 10;
        details.put("tls_version", handshake.tlsVersion().javaName());
        details.put("cert_subject", leaf.getSubjectX500Principal().getName());
        details.put("cert_not_after", notAfter.toString());
        details.put("cert_days_left", shown);
        perf.add(new Perfdata("cert_days_left", shown, "", certExpiryDays == null ? "" : certExpiryDays + ":", "0:", null, null));
        if (days <= 0) {
            problems.add("certificate expired on " + notAfter);
            return HealthStatus.UNHEALTHY;
        }
        if (certExpiryDays != null && days < certExpiryDays) {
            problems.add(String.format(Locale.ROOT, "certificate expires in %.1f days (on %s), under %d", days, notAfter,
                    certExpiryDays));
            return HealthStatus.DEGRADED;
        }
        return HealthStatus.HEALTHY;
    }

    private OkHttpClient client(TrustAll trustAll) throws IOException, GeneralSecurityException {
        OkHttpClient.Builder b = HttpClients.withTimeout(timeout).newBuilder()
                .followRedirects(followRedirects).followSslRedirects(followRedirects);
        if (trustAll != null) {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new TrustManager[] {trustAll}, null);
            b.sslSocketFactory(ctx.getSocketFactory(), trustAll).hostnameVerifier((host, session) -> true);
        } else if (caFile != null) {
            KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
            ks.load(null, null);
            try (InputStream in = Files.newInputStream(caFile)) {
                int i = 0;
                for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                    ks.setCertificateEntry("ca" + i++, c);
                }
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ks);
            X509TrustManager tm = (X509TrustManager) tmf.getTrustManagers()[0];
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new TrustManager[] {tm}, null);
            b.sslSocketFactory(ctx.getSocketFactory(), tm);
        }
        return b.build();
    }

    private static String read(ResponseBody body) throws IOException {
        if (body == null) {
            return "";
        }
        okio.BufferedSource src = body.source();
        src.request(MAX_BODY);
        long n = Math.min(src.getBuffer().size(), MAX_BODY);
        return src.getBuffer().readString(n, java.nio.charset.StandardCharsets.UTF_8);
    }

    /**
     * Why a trusted certificate does not fit the host, and what to do: OkHttp's message ("Hostname h not verified:")
     * lists the certificate's DN and subjectAltNames on the lines after the first. Clients match the host against
     * the subjectAltNames only, never the CN (RFC 6125), so a certificate with only a CN fails for every host.
     */
    static String hostnameProblem(String host, javax.net.ssl.SSLPeerUnverifiedException e) {
        String m = e.getMessage() == null ? "" : e.getMessage();
        String dn = field(m, "DN:");
        String sans = field(m, "subjectAltNames:");
        boolean ip = host.matches("[0-9.]+") || host.contains(":");
        String fix = "reissue it with a subjectAltName for " + host + " (openssl: -addext 'subjectAltName="
                + (ip ? "IP:" : "DNS:") + host + "'; keytool: -ext SAN=" + (ip ? "ip:" : "dns:") + host
                + "), or use a host name it has";
        if (sans == null || sans.equals("[]")) {
            return "the certificate" + (dn == null ? "" : " (" + dn + ")") + " has no subjectAltName, so it is valid for no "
                    + "host name (clients ignore the CN); " + fix;
        }
        return "the certificate" + (dn == null ? "" : " (" + dn + ")") + " is not for " + host + ": its subjectAltNames are "
                + sans + "; " + fix;
    }

    private static String field(String message, String name) {
        for (String line : message.split("\n")) {
            String t = line.strip();
            if (t.startsWith(name)) {
                return t.substring(name.length()).strip();
            }
        }
        return null;
    }

    private static String oneLine(Exception e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    /** Trusts every certificate: only with {@code insecure: true}, for self-signed servers. */
    private static final class TrustAll implements X509TrustManager {
        /** The server's chain as presented (OkHttp's cleaned chain is empty when nothing is trusted). */
        volatile X509Certificate[] seen;

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            // trusts all, as asked by insecure: true
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            seen = chain;
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
