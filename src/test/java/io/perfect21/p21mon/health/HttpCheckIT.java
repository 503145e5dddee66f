package io.perfect21.p21mon.health;

import com.fasterxml.jackson.databind.JsonNode;
import io.perfect21.p21mon.testing.Cli;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static io.perfect21.p21mon.health.HealthIT.check;
import static io.perfect21.p21mon.health.HealthIT.runJson;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The http check against a local HTTP server (status, latency, body) and a TLS server with a self-signed certificate
 * made by {@code keytool}, valid for 10 days (certificate expiry).
 */
class HttpCheckIT {
    @TempDir
    static Path certs;
    static MockWebServer tls;
    static Path caPem;

    @TempDir
    Path dir;

    @BeforeAll
    static void tlsServer() throws Exception {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Path ks = certs.resolve("server.p12");
        HealthIT.sh(certs, keytool.toString(), "-genkeypair", "-keyalg", "EC", "-groupname", "secp256r1", "-alias", "server",
                "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "10",
                "-keystore", ks.toString(), "-storetype", "PKCS12", "-storepass", "changeit", "-keypass", "changeit");
        caPem = certs.resolve("ca.pem");
        HealthIT.sh(certs, keytool.toString(), "-exportcert", "-rfc", "-alias", "server", "-keystore", ks.toString(),
                "-storepass", "changeit", "-file", caPem.toString());
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(ks)) {
            store.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(store, "changeit".toCharArray());
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        tls = new MockWebServer();
        tls.useHttps(ctx.getSocketFactory());
        tls.start(InetAddress.getLoopbackAddress(), 0);
    }

    @AfterAll
    static void stopTls() {
        if (tls != null) {
            tls.close();
        }
    }

    JsonNode run(String keys) throws Exception {
        return check(runJson(Cli.in(dir), dir, "health:\n  checks:\n    - {name: api, type: http" + keys + "}\n"), "api");
    }

    @Test
    void statusLatencyAndBody() throws Exception {
        try (MockWebServer http = new MockWebServer()) {
            http.start(InetAddress.getLoopbackAddress(), 0);
            String url = http.url("/health").toString();
            http.enqueue(new MockResponse.Builder().code(200).body("{\"status\":\"ok\",\"version\":\"1.2.3\"}").build());
            JsonNode ok = run(", url: '" + url + "', expect_status: 200, body_contains: '\"ok\"', body_regex: 'version\":\"1\\.\\d+'");
            assertThat(ok.get("status").asText()).as(ok.toString()).isEqualTo("healthy");
            assertThat(ok.get("details").get("status_code").asInt()).isEqualTo(200);
            assertThat(ok.get("message").asText()).startsWith("HTTP 200 in ");

            http.enqueue(new MockResponse.Builder().code(503).body("down").build());
            JsonNode bad = run(", url: '" + url + "'");
            assertThat(bad.get("status").asText()).isEqualTo("unhealthy");
            assertThat(bad.get("message").asText()).startsWith("HTTP 503, expected 2xx");

            http.enqueue(new MockResponse.Builder().code(200).body("{\"status\":\"starting\"}").build());
            JsonNode body = run(", url: '" + url + "', body_contains: '\"ok\"', body_regex: 'version'");
            assertThat(body.get("message").asText())
                    .startsWith("body does not contain '\"ok\"', body does not match /version/");

            http.enqueue(new MockResponse.Builder().code(200).body("slow").headersDelay(400, TimeUnit.MILLISECONDS).build());
            JsonNode slow = run(", url: '" + url + "', max_latency_ms: 200");
            assertThat(slow.get("status").asText()).isEqualTo("unhealthy");
            assertThat(slow.get("message").asText()).contains("above 200 ms");

            http.enqueue(new MockResponse.Builder().code(200).body("slow").headersDelay(300, TimeUnit.MILLISECONDS).build());
            JsonNode warn = run(", url: '" + url + "', warning: '250', critical: '1000'");
            assertThat(warn.get("status").asText()).isEqualTo("degraded");

            http.enqueue(new MockResponse.Builder().code(302).addHeader("Location", "/elsewhere").build());
            assertThat(run(", url: '" + url + "', expect_status: [301, 302]").get("status").asText()).isEqualTo("healthy");
        }
    }

    @Test
    void unreachableIsUnhealthyAndAnUnknownHostIsUnknown() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        JsonNode refused = run(", url: 'http://127.0.0.1:" + closed + "/x?token=secret'");
        assertThat(refused.get("status").asText()).isEqualTo("unhealthy");
        assertThat(refused.get("message").asText()).startsWith("GET http://127.0.0.1:" + closed + "/x: ").doesNotContain("secret");
        JsonNode dns = run(", url: 'http://no-such-host.invalid/'");
        assertThat(dns.get("status").asText()).isEqualTo("unknown");
    }

    @Test
    void certificateDaysToExpiryFromASelfSignedServer() throws Exception {
        String url = "https://127.0.0.1:" + tls.getPort() + "/";
        tls.enqueue(new MockResponse.Builder().code(200).body("ok").build());
        JsonNode soon = run(", url: '" + url + "', insecure: true, cert_expiry_days: 14");
        assertThat(soon.get("status").asText()).as(soon.toString()).isEqualTo("degraded");
        assertThat(soon.get("details").get("cert_days_left").asDouble()).isBetween(9.0, 10.0);
        assertThat(soon.get("message").asText()).matches("certificate expires in (9\\.9|10\\.0) days \\(on .*\\), under 14 .*");

        tls.enqueue(new MockResponse.Builder().code(200).body("ok").build());
        JsonNode trusted = run(", url: '" + url + "', ca_file: '" + caPem + "', cert_expiry_days: 7");
        assertThat(trusted.get("status").asText()).as(trusted.toString()).isEqualTo("healthy");
        assertThat(trusted.get("details").get("cert_subject").asText()).isEqualTo("CN=localhost");

        JsonNode untrusted = run(", url: '" + url + "'");
        assertThat(untrusted.get("status").asText()).isEqualTo("unhealthy");
        assertThat(untrusted.get("message").asText()).contains(": TLS: ");
        assertThat(Duration.ofMillis(untrusted.get("duration_ms").asLong())).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void aCertificateWithOnlyACommonNameSaysWhyAndWhatToDo() throws Exception {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Path ks = dir.resolve("cn-only.p12");
        HealthIT.sh(dir, keytool.toString(), "-genkeypair", "-keyalg", "EC", "-groupname", "secp256r1", "-alias", "server",
                "-dname", "CN=127.0.0.1", "-validity", "10",
                "-keystore", ks.toString(), "-storetype", "PKCS12", "-storepass", "changeit", "-keypass", "changeit");
        Path pem = dir.resolve("cn-only.pem");
        HealthIT.sh(dir, keytool.toString(), "-exportcert", "-rfc", "-alias", "server", "-keystore", ks.toString(),
                "-storepass", "changeit", "-file", pem.toString());
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(ks)) {
            store.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(store, "changeit".toCharArray());
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        try (MockWebServer cnOnly = new MockWebServer()) {
            cnOnly.useHttps(ctx.getSocketFactory());
            cnOnly.start(InetAddress.getLoopbackAddress(), 0);
            String url = "https://127.0.0.1:" + cnOnly.getPort() + "/";
            JsonNode r = run(", url: '" + url + "', ca_file: '" + pem + "'");
            assertThat(r.get("status").asText()).as(r.toString()).isEqualTo("unhealthy");
            assertThat(r.get("message").asText()).contains("TLS: the certificate (CN=127.0.0.1) has no subjectAltName")
                    .contains("clients ignore the CN").contains("subjectAltName=IP:127.0.0.1").contains("SAN=ip:127.0.0.1");
        }
    }
}
