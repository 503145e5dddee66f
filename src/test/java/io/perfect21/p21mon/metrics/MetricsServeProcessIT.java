package io.perfect21.p21mon.metrics;

import io.perfect21.p21mon.testing.Servers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code metrics serve} as a real process: serves, stops cleanly on SIGTERM, refuses a port in use. */
class MetricsServeProcessIT {
    @TempDir
    Path dir;

    Process start(String listen, Path log) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), "io.perfect21.p21mon.cli.P21mon",
                "metrics", "serve", "--listen", listen));
        return new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
    }

    @Test
    void servesThenStopsOnSigtermAndASecondOneOnTheSamePortFails() throws Exception {
        Files.writeString(dir.resolve("p21mon.yaml"), "metrics: {update_interval: 1s}\n");
        int port = Servers.freePort();
        Path log = dir.resolve("serve.log");
        Process serve = start("127.0.0.1:" + port, log);
        try {
            long deadline = System.currentTimeMillis() + 30_000;
            while (Servers.httpStatus("http://127.0.0.1:" + port + "/-/ready") != 200 && System.currentTimeMillis() < deadline) {
                Thread.sleep(100);
            }
            assertThat(Servers.httpStatus("http://127.0.0.1:" + port + "/metrics")).isEqualTo(200);

            Path log2 = dir.resolve("second.log");
            Process second = start("127.0.0.1:" + port, log2);
            assertThat(second.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(second.exitValue()).isEqualTo(1);
            assertThat(Files.readString(log2, StandardCharsets.UTF_8))
                    .contains("p21mon: cannot listen on 127.0.0.1:" + port + ": address already in use");

            serve.destroy(); // SIGTERM
            assertThat(serve.waitFor(10, TimeUnit.SECONDS)).as(Files.readString(log)).isTrue();
            assertThat(serve.exitValue()).isEqualTo(143);
            assertThat(Servers.portOpen(port)).isFalse();
            assertThat(Files.readString(log)).contains("serving http://127.0.0.1:" + port + "/metrics");
        } finally {
            serve.destroyForcibly();
        }
    }
}
