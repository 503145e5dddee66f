package io.perfect21.p21mon.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.perfect21.p21mon.testing.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code config init|validate|show} and every kind of bad configuration: one clear line on stderr, exit 2. */
class ConfigCommandTest {
    @TempDir
    Path dir;

    private Cli.Result validate(String yaml) throws Exception {
        Files.writeString(dir.resolve("p21mon.yaml"), yaml);
        return Cli.in(dir).run("config", "validate");
    }

    private static String oneLine(Cli.Result r) {
        assertThat(r.code()).as(r.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().lines().count()).as("one line: " + r.err()).isEqualTo(1);
        return r.err();
    }

    @Test
    void missingConfigFileNamesIt() {
        String err = oneLine(Cli.in(dir).run("config", "validate", "-c", "nope.yaml"));
        assertThat(err).contains(dir.resolve("nope.yaml").toString()).contains("no such configuration file");
    }

    @Test
    void missingFileFromEnvironmentNamesTheVariable() {
        String err = oneLine(Cli.in(dir).env("P21MON_CONFIG", "gone.yaml").run("config", "validate"));
        assertThat(err).contains("gone.yaml").contains("$P21MON_CONFIG");
    }

    @Test
    void directoryGivenAsConfigIsAUsageError() throws Exception {
        Files.createDirectory(dir.resolve("conf.d"));
        assertThat(oneLine(Cli.in(dir).run("config", "validate", "-c", "conf.d"))).contains("conf.d").contains("not a readable file");
    }

    @Test
    void yamlSyntaxErrorGivesFileLineColumn() throws Exception {
        String err = oneLine(validate("metrics:\n  port: 8080\n  custom_labels: {a: b\n"));
        assertThat(err).matches("(?s)p21mon: .*p21mon\\.yaml:\\d+:\\d+: YAML syntax error.*");
    }

    @Test
    void badIndentationIsASyntaxErrorWithPosition() throws Exception {
        String err = oneLine(validate("health:\n  timeout: 5\n interval: 3\n"));
        assertThat(err).matches("(?s)p21mon: .*p21mon\\.yaml:3:\\d+: .*");
    }

    @Test
    void unknownKeyGivesPathAndDidYouMean() throws Exception {
        String err = oneLine(validate("health:\n  timout: 5\n"));
        assertThat(err).contains("p21mon.yaml:2:").contains("unknown key 'health.timout'").contains("did you mean 'timeout'?");
    }

    @Test
    void unknownTopLevelKeyGivesDidYouMean() throws Exception {
        String err = oneLine(validate("metric:\n  port: 1\n"));
        assertThat(err).contains("p21mon.yaml:1:").contains("unknown key 'metric'").contains("did you mean 'metrics'?");
    }

    @Test
    void unknownKeyInsideAListNamesItsIndex() throws Exception {
        String err = oneLine(validate("jobs:\n  - {name: backup, timeuot: 2h}\n"));
        assertThat(err).contains("jobs[0].timeuot").contains("did you mean 'timeout'?");
    }

    @Test
    void wrongTypeGivesLineColumnAndKey() throws Exception {
        String err = oneLine(validate("metrics:\n  port: 8080\nhealth:\n  cpu_threshold: lots\n"));
        assertThat(err).contains("p21mon.yaml:4:").contains("health.cpu_threshold").contains("a number").contains("lots");
    }

    @Test
    void wrongDurationGivesKeyAndAccepted() throws Exception {
        String err = oneLine(validate("health:\n  timeout: soon\n"));
        assertThat(err).contains("p21mon.yaml:2:").contains("health.timeout").contains("duration");
    }

    @Test
    void mappingWhereAValueBelongsIsAWrongType() throws Exception {
        String err = oneLine(validate("metrics:\n  port:\n    number: 3\n"));
        assertThat(err).contains("p21mon.yaml:").contains("metrics.port").contains("whole number");
    }

    @Test
    void emptyMapValueNamesTheSection() throws Exception {
        String err = oneLine(validate("metrics:\n  custom_labels: {env: }\n"));
        assertThat(err).contains("metrics").contains("has no value").doesNotContain("null");
    }

    @Test
    void unquotedReferenceInsideFlowMappingGetsAHint() throws Exception {
        Cli.Result r = validate("metrics: {port: ${P21_NOPE:-9000}}\n");
        assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
        // the hint comes first, then the syntax error it explains
        assertThat(r.err().lines().findFirst().orElseThrow()).contains("metrics.port").contains("quote");
        assertThat(r.err()).contains("YAML syntax error");
    }

    @Test
    void secondYamlDocumentIsRejected() throws Exception {
        String err = oneLine(validate("metrics: {port: 1}\n---\nhealth: {}\n"));
        assertThat(err).contains("p21mon.yaml:3:").contains("second YAML document");
    }

    @Test
    void notUtf8IsAClearError() throws Exception {
        Files.write(dir.resolve("p21mon.yaml"), new byte[] {'m', ':', ' ', (byte) 0xff, (byte) 0xfe, '\n'});
        String err = oneLine(Cli.in(dir).run("config", "validate"));
        assertThat(err).contains("p21mon.yaml").contains("not UTF-8");
    }

    @Test
    void topLevelListIsAWrongType() throws Exception {
        assertThat(oneLine(validate("- a\n- b\n"))).contains("p21mon.yaml:1:1:").contains("mapping");
    }

    @Test
    void duplicateKeyIsRejected() throws Exception {
        assertThat(oneLine(validate("metrics:\n  port: 1\n  port: 2\n"))).contains("p21mon.yaml:3:").contains("duplicate key 'port'");
    }

    @Test
    void tabIndentationIsASyntaxError() throws Exception {
        assertThat(oneLine(validate("metrics:\n\tport: 1\n"))).contains("p21mon.yaml:2:1: YAML syntax error").contains("TAB");
    }

    @Test
    void outOfRangeValueNamesTheKey() throws Exception {
        String err = oneLine(validate("metrics:\n  port: 70000\n"));
        assertThat(err).contains("metrics.port").contains("70000");
    }

    @Test
    void unsetVariableWithoutDefaultNamesIt() throws Exception {
        String err = oneLine(validate("alerting:\n  slack_webhook: ${SLACK_URL_P21}\n"));
        assertThat(err).contains("p21mon.yaml:2:18: alerting.slack_webhook: ").contains("SLACK_URL_P21").contains("not set");
    }

    @Test
    void unsetVariableInAListNamesItsIndex() throws Exception {
        String err = oneLine(validate("health:\n  checks:\n    - {name: db, type: database, password: \"${NO_PW_P21}\"}\n"));
        assertThat(err).contains("health.checks[0].password").contains("NO_PW_P21");
    }

    @Test
    void variableDefaultsExpandIncludingNumbers() throws Exception {
        Files.writeString(dir.resolve("p21mon.yaml"), """
                metrics:
                  port: ${P21_PORT:-9000}
                  prometheus_url: ${PROM:-http://prom:9090}
                tracing:
                  service_name: ${SVC}
                  sampling_rate: ${RATE:-0.5}
                audit:
                  mask_fields: ["${F1:-pin}", "${F2:-otp}", plain]
                metrics_extra_is_not_here: false
                """.replace("metrics_extra_is_not_here: false\n", ""));
        Cli.Result r = Cli.in(dir).env("SVC", "billing").run("config", "show", "-o", "json");
        assertThat(r.code()).as(r.toString()).isZero();
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertThat(json.at("/metrics/port").isInt()).isTrue();
        assertThat(json.at("/metrics/port").asInt()).isEqualTo(9000);
        assertThat(json.at("/metrics/prometheus_url").asText()).isEqualTo("http://prom:9090");
        assertThat(json.at("/tracing/service_name").asText()).isEqualTo("billing");
        assertThat(json.at("/tracing/sampling_rate").asDouble()).isEqualTo(0.5);
        assertThat(json.at("/audit/mask_fields").toString()).isEqualTo("[\"pin\",\"otp\",\"plain\"]");

        Cli.Result set = Cli.in(dir).env("SVC", "x").env("P21_PORT", "9100").run("config", "show", "-o", "json");
        assertThat(new ObjectMapper().readTree(set.out()).at("/metrics/port").asInt()).isEqualTo(9100);
    }

    @Test
    void showGivesTheAuditDirectoryInUseWhereTheFileSetsNone() throws Exception {
        Cli.Result unset = Cli.in(dir).run("config", "show", "-o", "json");
        assertThat(unset.code()).as(unset.toString()).isZero();
        assertThat(new ObjectMapper().readTree(unset.out()).at("/audit/dir").asText())
                .isEqualTo(dir.resolve("home/.local/state/p21mon/audit").toString());
        Cli.Result moved = Cli.in(dir).run("--state-dir", "st", "config", "show", "-o", "json");
        assertThat(new ObjectMapper().readTree(moved.out()).at("/audit/dir").asText())
                .isEqualTo(dir.resolve("st/audit").toString());
        Files.writeString(dir.resolve("p21mon.yaml"), "audit:\n  dir: /var/log/p21mon-audit\n");
        Cli.Result set = Cli.in(dir).run("config", "show", "-o", "json");
        assertThat(new ObjectMapper().readTree(set.out()).at("/audit/dir").asText()).isEqualTo("/var/log/p21mon-audit");
    }

    @Test
    void initWritesAnExampleThatValidates() {
        Cli.Result init = Cli.in(dir).run("config", "init");
        assertThat(init.code()).as(init.toString()).isZero();
        assertThat(dir.resolve("p21mon.yaml")).exists();
        Cli.Result validate = Cli.in(dir).run("config", "validate");
        assertThat(validate.code()).as(validate.toString()).isZero();
        assertThat(validate.out()).contains("p21mon.yaml: valid");
    }

    @Test
    void initRefusesToOverwriteWithoutForce() throws Exception {
        Files.writeString(dir.resolve("p21mon.yaml"), "metrics: {port: 1234}\n");
        String err = oneLine(Cli.in(dir).run("config", "init"));
        assertThat(err).contains("p21mon.yaml exists").contains("--force");
        assertThat(Files.readString(dir.resolve("p21mon.yaml"))).isEqualTo("metrics: {port: 1234}\n");

        Cli.Result forced = Cli.in(dir).run("config", "init", "--force");
        assertThat(forced.code()).isZero();
        assertThat(Files.readString(dir.resolve("p21mon.yaml"))).contains("# p21mon.yaml");
    }

    @Test
    void initWritesAPrivateFile() throws Exception {
        assertThat(Cli.in(dir).run("config", "init", "conf/p21mon.yaml").code()).isZero();
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dir.resolve("conf/p21mon.yaml")))).isEqualTo("rw-------");
    }

    @Test
    void initThatCannotWriteExitsOne() throws Exception {
        Files.writeString(dir.resolve("plain-file"), "x");
        Cli.Result r = Cli.in(dir).run("config", "init", "plain-file/p21mon.yaml");
        assertThat(r.code()).as(r.toString()).isEqualTo(ExitCodes.FAILED);
        assertThat(r.err()).contains("cannot write").contains("plain-file");
        assertThat(r.err().lines().count()).isEqualTo(1);
    }

    @Test
    void initToStdoutPrintsTheExample() {
        Cli.Result r = Cli.in(dir).run("config", "init", "-");
        assertThat(r.code()).isZero();
        assertThat(r.out()).startsWith("# p21mon.yaml");
        assertThat(dir.resolve("p21mon.yaml")).doesNotExist();
    }

    @Test
    void validateWithoutAFileSaysDefaultsApply() {
        Cli.Result r = Cli.in(dir).run("config", "validate");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("built-in defaults");
    }

    @Test
    void searchOrderFindsTheUserConfigDirectory() throws Exception {
        Path userConfig = dir.resolve("home/.config/p21mon/p21mon.yaml");
        Files.createDirectories(userConfig.getParent());
        Files.writeString(userConfig, "metrics: {port: 8111}\n");
        Cli.Result r = Cli.in(dir).run("config", "validate");
        assertThat(r.out()).contains(userConfig + ": valid");
        Files.writeString(dir.resolve("p21mon.yaml"), "metrics: {port: 8222}\n");
        assertThat(Cli.in(dir).run("config", "validate").out()).contains(dir.resolve("p21mon.yaml") + ": valid");
    }

    private static final String SECRETS = """
            alerting:
              slack_webhook: https://hooks.slack.com/services/T000/B000/XXXXSECRET
              email: {host: smtp.example.com, username: ops, password: hunter2, to: [a@example.com]}
            metrics:
              prometheus_url: https://admin:s3cr3t@prom.example.com:9090
            health:
              checks:
                - {name: db, type: database, url: "jdbc:postgresql://127.0.0.1/app", username: app, password: "${DB_PW}"}
            """;

    @Test
    void showMasksSecretsInYaml() throws Exception {
        Files.writeString(dir.resolve("p21mon.yaml"), SECRETS);
        Cli.Result r = Cli.in(dir).env("DB_PW", "dbpass99").run("config", "show");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).doesNotContain("XXXXSECRET", "hunter2", "s3cr3t", "dbpass99", "admin:")
                .contains("********").contains("prom.example.com:9090").contains("smtp.example.com");
    }

    @Test
    void showJsonIsValidJsonAloneOnStdoutAndMasked() throws Exception {
        Files.writeString(dir.resolve("p21mon.yaml"), SECRETS);
        Cli.Result r = Cli.in(dir).env("DB_PW", "dbpass99").run("config", "show", "-o", "json");
        assertThat(r.code()).as(r.toString()).isZero();
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertThat(r.out().trim()).startsWith("{").endsWith("}");
        assertThat(json.at("/alerting/slack_webhook").asText()).isEqualTo("https://hooks.slack.com/services/********");
        assertThat(json.at("/alerting/email/password").asText()).isEqualTo("********");
        assertThat(json.at("/health/checks/0/password").asText()).isEqualTo("********");
        assertThat(json.at("/metrics/prometheus_url").asText()).doesNotContain("s3cr3t");
        assertThat(json.at("/health/timeout").asText()).isEqualTo("30s");
        assertThat(r.out()).doesNotContain("XXXXSECRET", "hunter2", "s3cr3t", "dbpass99");
    }
}
