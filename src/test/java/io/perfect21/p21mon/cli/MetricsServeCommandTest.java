package io.perfect21.p21mon.cli;

import io.perfect21.p21mon.metrics.FakeHostProbe;
import io.perfect21.p21mon.testing.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code metrics serve} failing before it serves: bad flags and files are usage errors, a busy port a failure. */
class MetricsServeCommandTest {
    @TempDir
    Path dir;

    @Test
    void aPortInUseExitsOneNamingTheAddress() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Cli.Result r = Cli.in(dir).hostProbe(new FakeHostProbe())
                    .run("metrics", "serve", "--listen", "127.0.0.1:" + taken.getLocalPort());
            assertThat(r.code()).isEqualTo(1);
            assertThat(r.err()).isEqualTo("p21mon: cannot listen on 127.0.0.1:" + taken.getLocalPort()
                    + ": address already in use (--listen or metrics.port)\n");
        }
    }

    @Test
    void withoutListenItListensOnMetricsPort() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            Files.writeString(dir.resolve("p21mon.yaml"), "metrics:\n  port: " + taken.getLocalPort() + "\n");
            Cli.Result r = Cli.in(dir).hostProbe(new FakeHostProbe()).run("metrics", "serve");
            assertThat(r.code()).as(r.toString()).isEqualTo(1);
            assertThat(r.err()).contains(":" + taken.getLocalPort() + ": address already in use");
        }
    }

    @Test
    void badListenAndWebConfigAreUsageErrors() throws Exception {
        Cli.Result listen = Cli.in(dir).run("metrics", "serve", "--listen", "localhost:http");
        assertThat(listen.code()).isEqualTo(2);
        assertThat(listen.err()).contains("--listen: 'localhost:http' is not HOST:PORT");

        Files.writeString(dir.resolve("web.yml"), "basic_auth_users: {admin: hunter2}\n");
        Cli.Result web = Cli.in(dir).run("metrics", "serve", "--listen", "127.0.0.1:0", "--web.config.file", "web.yml");
        assertThat(web.code()).isEqualTo(2);
        assertThat(web.err()).contains("--web.config.file: ", "web.yml: basic_auth_users.admin: not a bcrypt hash");

        Files.writeString(dir.resolve("tls.yml"), "tls_server_config: {cert_file: nope.crt, key_file: nope.key}\n");
        Cli.Result tls = Cli.in(dir).run("metrics", "serve", "--listen", "127.0.0.1:0", "--web.config.file", "tls.yml");
        assertThat(tls.code()).isEqualTo(2);
        assertThat(tls.err()).contains("nope.crt");
    }
}
