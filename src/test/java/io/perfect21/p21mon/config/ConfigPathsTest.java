package io.perfect21.p21mon.config;

import io.perfect21.p21mon.audit.AuditStores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Relative paths in a configuration file resolve against that file's directory, once, as it is read. */
class ConfigPathsTest {
    @TempDir
    Path tmp;

    private P21monConfig load(Map<String, String> env, String yaml) throws Exception {
        Path etc = Files.createDirectories(tmp.resolve("etc"));
        Path cwd = Files.createDirectories(tmp.resolve("cwd"));
        Files.writeString(etc.resolve("p21mon.yaml"), yaml);
        return new ConfigLoader(env, cwd).load(Path.of("../etc/p21mon.yaml")).config();
    }

    private Path etc(String rest) {
        return tmp.resolve("etc").resolve(rest).toAbsolutePath().normalize();
    }

    @Test
    void relativePathKeysResolveAgainstTheConfigFilesDirectoryNotTheWorkingDirectory() throws Exception {
        P21monConfig c = load(Map.of(), """
                audit: {dir: logs/audit, hmac_key_file: keys/hmac.key, encryption_key_file: ./keys/aes.key}
                tracing: {file_output: spans.jsonl, service_name: api/v1}
                dashboards: {out_dir: dash, templates_dir: ../shared/tpl}
                stack: {dir: monitoring, targets_file: targets.txt, templates_dir: stack-tpl}
                metrics: {git_repos: [repo]}
                alerting:
                  rule_files: [rules/*.yml]
                  rule_test_files: rules/tests.yml
                  email: {host: smtp.example.com, password_file: secrets/smtp, from: p21@example.com, to: [ops@example.com]}
                  channels:
                    - {name: ops, type: webhook, webhook_url_file: secrets/hook}
                    - {name: mail, type: email, host: smtp.example.com, password_file: secrets/mail, from: p21@example.com, to: [a@example.com]}
                health:
                  checks:
                    - {name: repo, type: git, path: src}
                """);
        assertThat(c.audit().dir()).isEqualTo(etc("logs/audit").toString());
        assertThat(c.audit().hmacKeyFile()).isEqualTo(etc("keys/hmac.key").toString());
        assertThat(c.audit().encryptionKeyFile()).isEqualTo(etc("keys/aes.key").toString());
        assertThat(c.tracing().fileOutput()).isEqualTo(etc("spans.jsonl").toString());
        assertThat(c.tracing().serviceName()).as("not a path key").isEqualTo("api/v1");
        assertThat(c.dashboards().outDir()).isEqualTo(etc("dash").toString());
        assertThat(c.dashboards().templatesDir()).isEqualTo(tmp.resolve("shared/tpl").toAbsolutePath().toString());
        assertThat(c.stack().dir()).isEqualTo(etc("monitoring").toString());
        assertThat(c.stack().targetsFile()).isEqualTo(etc("targets.txt").toString());
        assertThat(c.stack().templatesDir()).isEqualTo(etc("stack-tpl").toString());
        assertThat(c.metrics().gitRepos()).containsExactly(etc("repo").toString());
        assertThat(c.alerting().ruleFiles()).containsExactly(etc("rules/*.yml").toString());
        assertThat(c.alerting().ruleTestFiles()).containsExactly(etc("rules/tests.yml").toString());
        assertThat(c.alerting().channels().get(0).webhookUrlFile()).isEqualTo(etc("secrets/hook").toString());
        assertThat(c.alerting().email().passwordFile()).isEqualTo(etc("secrets/smtp").toString());
        assertThat(c.alerting().channels().get(1).passwordFile()).isEqualTo(etc("secrets/mail").toString());
        assertThat(c.health().checks().get(0).options()).containsEntry("path", etc("src").toString());
    }

    @Test
    void anAbsolutePathIsLeftAsWritten() throws Exception {
        P21monConfig c = load(Map.of(), "audit: {dir: /var/lib/p21mon/audit}\n");
        assertThat(c.audit().dir()).isEqualTo("/var/lib/p21mon/audit");
    }

    @Test
    void variablesAreExpandedFirstThenAResultThatIsRelativeIsResolved() throws Exception {
        P21monConfig abs = load(Map.of("BASE", "/srv/data"), "audit: {dir: \"${BASE}/audit\"}\n");
        assertThat(abs.audit().dir()).isEqualTo("/srv/data/audit");
        P21monConfig rel = load(Map.of("BASE", "data"), "audit: {dir: \"${BASE}/audit\"}\n");
        assertThat(rel.audit().dir()).isEqualTo(etc("data/audit").toString());
    }

    @Test
    void textWithoutAFileKeepsRelativePathsAsWritten() {
        P21monConfig c = new ConfigLoader(Map.of(), tmp).parse("audit: {dir: logs/audit}\n", "f.yaml");
        assertThat(c.audit().dir()).isEqualTo("logs/audit");
    }

    @Test
    void withoutAuditDirTheStoreIsUnderTheStateDirectory() throws Exception {
        P21monConfig c = load(Map.of(), "audit: {mask_fields: [password]}\n");
        assertThat(c.audit().dir()).isNull();
        Path state = tmp.resolve("state");
        assertThat(AuditStores.dir(c.audit(), tmp.resolve("cwd"), state, null)).isEqualTo(state.resolve("audit"));
        assertThat(AuditStores.dir(P21monConfig.defaults().audit(), tmp, state, null)).isEqualTo(state.resolve("audit"));
        assertThat(AuditStores.dir(c.audit(), tmp, state, Path.of("mine"))).as("--dir, relative to the cwd")
                .isEqualTo(tmp.resolve("mine"));
    }
}
