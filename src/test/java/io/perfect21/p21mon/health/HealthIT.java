package io.perfect21.p21mon.health;

import com.fasterxml.jackson.databind.JsonNode;
import io.perfect21.p21mon.Json;
import io.perfect21.p21mon.testing.Cli;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Helpers for the health integration tests: run {@code p21mon health -o json} in a directory with a config. */
final class HealthIT {
    private HealthIT() {
    }

    static JsonNode runJson(Cli cli, Path dir, String yaml, String... extra) throws Exception {
        Files.writeString(dir.resolve("p21mon.yaml"), yaml);
        String[] args = new String[extra.length + 3];
        args[0] = "health";
        args[1] = "-o";
        args[2] = "json";
        System.arraycopy(extra, 0, args, 3, extra.length);
        Cli.Result r = cli.run(args);
        assertThat(r.code()).as(r.toString()).isBetween(0, 3);
        JsonNode json = Json.mapper().readTree(r.out());
        assertThat(json.get("status").asText()).isEqualTo(HealthStatus.ofNagiosCode(r.code()).label());
        return json;
    }

    static JsonNode check(JsonNode report, String name) {
        for (JsonNode c : report.get("checks")) {
            if (c.get("name").asText().equals(name)) {
                return c;
            }
        }
        throw new AssertionError("no check " + name + " in " + report);
    }

    static int sh(Path dir, String... command) throws Exception {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        int code = p.waitFor();
        assertThat(code).as(String.join(" ", command) + ": " + out).isZero();
        return code;
    }
}
