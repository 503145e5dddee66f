package io.perfect21.p21mon.metrics;

import at.favre.lib.crypto.bcrypt.BCrypt;
import io.perfect21.p21mon.P21monException;
import io.perfect21.p21mon.testing.Servers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WebConfigTest {
    @TempDir
    Path dir;

    Path file(String yaml) throws Exception {
        Path f = dir.resolve("web.yml");
        Files.writeString(f, yaml);
        return f;
    }

    @Test
    void readsTlsAndUsersWithPathsRelativeToTheFile() throws Exception {
        WebConfig w = WebConfig.load(file("""
                tls_server_config: {cert_file: c.pem, key_file: /abs/k.pem, min_version: TLS13}
                basic_auth_users:
                  prometheus: $2y$10$X0kQzXHnBfL3Eyb3hV7W2Oj1Ew3qWnT3yQ0Qd6Bz0cD7bZr5mJkXa
                """));
        assertThat(w.tls().certFile()).isEqualTo(dir.resolve("c.pem").toAbsolutePath());
        assertThat(w.tls().keyFile()).isEqualTo(Path.of("/abs/k.pem"));
        assertThat(w.tls().minVersion()).isEqualTo("TLSv1.3");
        assertThat(w.basicAuthUsers()).containsKey("prometheus");
    }

    @Test
    void unsupportedKeysAndBadValuesAreErrorsNamingTheKey() throws Exception {
        assertThatThrownBy(() -> WebConfig.load(file("tls_server_config: {cert_file: a, key_file: b, client_ca_file: ca}\n")))
                .isInstanceOf(P21monException.class).hasMessageContaining("tls_server_config.client_ca_file: not supported");
        assertThatThrownBy(() -> WebConfig.load(file("tls_server_config: {cert_file: a, key_file: b, client_auth_type: RequireAndVerifyClientCert}\n")))
                .hasMessageContaining("only NoClientCert");
        assertThatThrownBy(() -> WebConfig.load(file("basic_auth_users: {u: plaintext}\n")))
                .hasMessageContaining("basic_auth_users.u: not a bcrypt hash");
        assertThatThrownBy(() -> WebConfig.load(file("tls_server_config: {key_file: b}\n")))
                .hasMessageContaining("tls_server_config.cert_file is required");
        assertThatThrownBy(() -> WebConfig.load(file("http_server_config: {http2: true}\n")))
                .hasMessageContaining("http_server_config: not supported");
        assertThatThrownBy(() -> WebConfig.load(dir.resolve("missing.yml"))).hasMessageContaining("no such file");
        assertThatThrownBy(() -> WebConfig.load(file("tls_server_config: [\n"))).hasMessageContaining("web.yml");
    }

    @Test
    void bcryptVerifiesAllVersionsAndAKnownVector() {
        assertThat(BcryptAuthenticator.verify("abc", "$2a$06$If6bvum7DFjUnE9p2uDeDu0YHzrHM6tf.iqN8.yx.jNN1ILEf7h0i")).isTrue();
        assertThat(BcryptAuthenticator.verify("abd", "$2a$06$If6bvum7DFjUnE9p2uDeDu0YHzrHM6tf.iqN8.yx.jNN1ILEf7h0i")).isFalse();
        for (BCrypt.Version v : new BCrypt.Version[] {BCrypt.Version.VERSION_2A, BCrypt.Version.VERSION_2B, BCrypt.Version.VERSION_2Y}) {
            String hash = BCrypt.with(v).hashToString(4, "pw".toCharArray());
            assertThat(BcryptAuthenticator.verify("pw", hash)).as(hash).isTrue();
            assertThat(BcryptAuthenticator.verify("px", hash)).isFalse();
        }
        assertThat(BcryptAuthenticator.verify("pw", "garbage")).isFalse();
        BcryptAuthenticator auth = new BcryptAuthenticator("r", java.util.Map.of("u",
                BCrypt.with(BCrypt.Version.VERSION_2Y).hashToString(4, "pw".toCharArray())));
        assertThat(auth.checkCredentials("u", "pw")).isTrue();
        assertThat(auth.checkCredentials("u", "pw")).isTrue();
        assertThat(auth.checkCredentials("u", "no")).isFalse();
        assertThat(auth.checkCredentials("nobody", "pw")).isFalse();
    }

    @Test
    void pemKeysInPkcs8Pkcs1AndSec1Forms() throws Exception {
        String openssl = Servers.binary("openssl").toString();
        MetricsServerTest.run(dir, openssl, "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", "pkcs8.pem");
        MetricsServerTest.run(dir, openssl, "genrsa", "-traditional", "-out", "pkcs1.pem", "2048");
        MetricsServerTest.run(dir, openssl, "ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", "sec1.pem");
        MetricsServerTest.run(dir, openssl, "genpkey", "-algorithm", "ED25519", "-out", "ed.pem");
        assertThat(Files.readString(dir.resolve("pkcs1.pem"))).contains("BEGIN RSA PRIVATE KEY");
        assertThat(Files.readString(dir.resolve("sec1.pem"))).contains("BEGIN EC PRIVATE KEY");
        PrivateKey k8 = PemTls.privateKey(dir.resolve("pkcs8.pem"));
        assertThat(k8.getAlgorithm()).isEqualTo("RSA");
        assertThat(PemTls.privateKey(dir.resolve("pkcs1.pem")).getAlgorithm()).isEqualTo("RSA");
        assertThat(PemTls.privateKey(dir.resolve("sec1.pem")).getAlgorithm()).isEqualTo("EC");
        assertThat(PemTls.privateKey(dir.resolve("ed.pem")).getAlgorithm()).isIn("EdDSA", "Ed25519");
        MetricsServerTest.run(dir, openssl, "req", "-x509", "-key", "sec1.pem", "-out", "ec.crt", "-days", "1", "-subj", "/CN=localhost");
        assertThat(PemTls.serverContext(dir.resolve("ec.crt"), dir.resolve("sec1.pem"))).isNotNull();
        MetricsServerTest.run(dir, openssl, "pkcs8", "-topk8", "-in", "pkcs8.pem", "-out", "enc.pem", "-passout", "pass:x");
        assertThatThrownBy(() -> PemTls.privateKey(dir.resolve("enc.pem"))).hasMessageContaining("encrypted keys are not supported");
        assertThatThrownBy(() -> PemTls.certificates(dir.resolve("pkcs8.pem"))).hasMessageContaining("no PEM CERTIFICATE");
    }

    @Test
    void listenAddresses() {
        assertThat(Listen.parse(":9100", "--listen")).isEqualTo(new Listen("", 9100));
        assertThat(Listen.parse("127.0.0.1:8080", "--listen")).isEqualTo(new Listen("127.0.0.1", 8080));
        assertThat(Listen.parse("[::1]:8080", "--listen")).isEqualTo(new Listen("::1", 8080));
        assertThat(Listen.parse("8080", "--listen")).isEqualTo(new Listen("", 8080));
        assertThatThrownBy(() -> Listen.parse("host:http", "--listen")).hasMessageContaining("--listen");
        assertThatThrownBy(() -> Listen.parse("::1:80", "--listen")).hasMessageContaining("brackets");
        assertThatThrownBy(() -> Listen.parse(":70000", "--listen")).hasMessageContaining("0 to 65535");
    }
}
