package io.perfect21.p21mon.cli;

import io.perfect21.p21mon.testing.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code config validate} finds what any command would reject, each problem with file:line:col, its key and a
 * suggestion, and lists them all in one run (issue #16 point 3).
 */
class ConfigValidateTest {
    @TempDir
    Path dir;

    private Cli.Result validate(String yaml) throws Exception {
        Files.writeString(dir.resolve("p21mon.yaml"), yaml);
        return Cli.in(dir).run("config", "validate");
    }

    static Stream<Arguments> mistakes() {
        return Stream.of(
                Arguments.of("unknown check type", "health:\n  checks:\n    - {name: x, type: nosuch}\n",
                        ":3:17: health.checks[0].type: unknown check type 'nosuch'", "types: command"),
                Arguments.of("near check type", "health:\n  checks:\n    - {name: x, type: htp, url: http://a}\n",
                        ":3:17: health.checks[0].type: unknown check type 'htp'", "did you mean 'http'?"),
                Arguments.of("http without url", "health:\n  checks:\n    - {name: web, type: http}\n",
                        ":3:7: health.checks[0]: missing required key 'url'", ""),
                Arguments.of("tcp without port", "health:\n  checks:\n    - name: db\n      type: tcp\n      host: localhost\n",
                        ":3:7: health.checks[0]: missing required key 'port'", ""),
                Arguments.of("typo in a check's key",
                        "health:\n  checks:\n    - {name: web, type: http, url: http://a, expect_stauts: 200}\n",
                        ":3:46: health.checks[0].expect_stauts: unknown key 'expect_stauts'", "did you mean 'expect_status'?"),
                Arguments.of("two checks of one name",
                        "health:\n  checks:\n    - {name: a, type: p21mon}\n    - {name: a, type: p21mon}\n",
                        ":4:8: health.checks[1].name: two checks are named 'a'", "give each check its own name"),
                Arguments.of("bad value of a check key",
                        "health:\n  checks:\n    - {name: p, type: tcp, host: h, port: 70000}\n",
                        "health.checks[0].port: must be from 1 to 65535", ""),
                Arguments.of("check without a name", "health:\n  checks:\n    - {type: p21mon}\n",
                        ":3:7: health.checks[0]: missing required key 'name'", ""),
                Arguments.of("unset variable in a check",
                        "health:\n  checks:\n    - {name: w, type: http, url: \"${P21_NO_SUCH_URL}\"}\n",
                        ":3:34: health.checks[0].url: environment variable P21_NO_SUCH_URL is not set", ""),
                Arguments.of("unknown section key", "metrics:\n  prot: 9\n",
                        ":2:3: unknown key 'metrics.prot'", "did you mean 'port'?"),
                Arguments.of("bad duration", "health:\n  timeout: soon\n", ":2:12: health.timeout: 'soon' is not a duration", ""),
                Arguments.of("record's own rule", "alerting:\n  email: {port: 25}\n", ":2:3: alerting.email.host is required", ""),
                Arguments.of("duplicate key", "metrics:\n  port: 1\n  port: 2\n", ":3:3: metrics.port: duplicate key 'port'", ""),
                Arguments.of("route to an unknown channel",
                        "alerting:\n  webhook: {url: http://h/x}\n  routes:\n    - {match: {severity: critical}, channels: [webhok]}\n",
                        "alerting.routes[0].channels[0]: unknown channel 'webhok'", "did you mean 'webhook'?"),
                Arguments.of("invalid PromQL in a user rule",
                        "alerting:\n  rules:\n    - {alert: Broken, expr: 'sum(rate(x[5m])'}\n",
                        ":3:23: alerting.rules[0].expr: invalid PromQL", ""),
                Arguments.of("invalid PromQL in an SLO",
                        "slos:\n  - {name: api, errors: 'sum(rate(e[{{window}}]', total: 'sum(rate(t[{{window}}]))'}\n",
                        "slos[0].errors: invalid PromQL", ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mistakes")
    void eachMistakeIsFoundWithItsPlaceAndAHint(String what, String yaml, String problem, String hint) throws Exception {
        Cli.Result r = validate(yaml);
        assertThat(r.code()).as(r.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().lines().toList()).as(r.err()).hasSize(1);
        assertThat(r.err()).startsWith("p21mon: " + dir.resolve("p21mon.yaml")).contains(problem).contains(hint);
    }

    @Test
    void everyProblemOfAFileIsListedInOneRunInFileOrder() throws Exception {
        Cli.Result r = validate("""
                health:
                  timeout: soon
                  checks:
                    - {name: x, type: nosuch}
                    - {name: web, type: http, expect_stauts: 200}
                    - {name: x, type: p21mon}
                metrics:
                  prot: 9
                """);
        assertThat(r.code()).as(r.toString()).isEqualTo(ExitCodes.USAGE);
        List<String> lines = r.err().lines().toList();
        assertThat(lines).hasSize(6);
        assertThat(lines).allMatch(l -> l.startsWith("p21mon: " + dir.resolve("p21mon.yaml") + ":"));
        assertThat(lines.get(0)).contains(":2:12: health.timeout");
        assertThat(lines.get(1)).contains(":4:").contains("unknown check type 'nosuch'");
        assertThat(lines.get(2)).contains(":5:").contains("missing required key 'url'");
        assertThat(lines.get(3)).contains(":5:").contains("expect_stauts").contains("did you mean 'expect_status'?");
        assertThat(lines.get(4)).contains(":6:").contains("two checks are named 'x'");
        assertThat(lines.get(5)).contains(":8:3:").contains("metrics.prot");
    }

    @Test
    void aBrokenListEntryDoesNotHideTheProblemsOfOtherSections() throws Exception {
        Cli.Result r = validate("""
                slos:
                  - {name: api, objective: 150, errors: e, total: t}
                health:
                  checks:
                    - {name: x, type: nosuch}
                """);
        assertThat(r.code()).as(r.toString()).isEqualTo(ExitCodes.USAGE);
        List<String> lines = r.err().lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).contains(":2:").contains("objective must be between 0 and 100");
        assertThat(lines.get(1)).contains(":5:").contains("unknown check type 'nosuch'");
    }

    @Test
    void theExampleConfigurationIsValid() {
        assertThat(Cli.in(dir).run("config", "init").code()).isZero();
        Cli.Result r = Cli.in(dir).run("config", "validate");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.err()).isEmpty();
    }

    @Test
    void healthAgreesWithValidate() throws Exception {
        // what validate rejects in a check, health reports as that check UNKNOWN with the same words
        Files.writeString(dir.resolve("p21mon.yaml"), """
                health:
                  checks:
                    - {name: web, type: http, expect_stauts: 200}
                    - {name: self, type: p21mon}
                """);
        Cli.Result r = Cli.in(dir).run("health", "-o", "json");
        assertThat(r.code()).as(r.toString()).isEqualTo(3);
        assertThat(r.out()).contains("unknown key 'expect_stauts'").contains("missing required key 'url'")
                .contains("\"self\"");
    }

    @Test
    void anUnsetVariableInOneCheckMakesThatCheckUnknownAndTheOthersRun() throws Exception {
        Files.writeString(dir.resolve("p21mon.yaml"), """
                health:
                  checks:
                    - {name: web, type: http, url: "${P21_NO_SUCH_URL}"}
                    - {name: ok, type: command, command: ["echo", "OK - fine"]}
                """);
        Cli.Result r = Cli.in(dir).run("health", "-o", "json");
        assertThat(r.code()).as(r.toString()).isEqualTo(3);
        com.fasterxml.jackson.databind.JsonNode checks = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(r.out()).get("checks");
        assertThat(checks.toString()).contains("P21_NO_SUCH_URL is not set");
        assertThat(checks.findValuesAsText("status")).containsExactlyInAnyOrder("unknown", "healthy");
    }
}
