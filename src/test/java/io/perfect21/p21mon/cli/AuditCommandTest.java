package io.perfect21.p21mon.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The audit commands through the real wiring, with their exit codes and messages for bad input. */
class AuditCommandTest {
    @TempDir
    Path work;

    String out;
    String err;
    Clock clock = Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC);

    @BeforeEach
    void home() throws Exception {
        Files.createDirectories(work.resolve("home"));
    }

    int run(String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        Services s = new Services(Map.of("HOME", work.resolve("home").toString(), "NO_COLOR", "1"), work, clock, false,
                () -> null);
        int code = P21mon.commandLine(s, new PrintWriter(o), new PrintWriter(e)).execute(args);
        out = o.toString();
        err = e.toString();
        return code;
    }

    private void logSome() {
        assertThat(run("audit", "log", "--type", "USER_LOGIN", "--user", "alice", "--action", "login",
                "--source-ip", "10.0.0.7", "--detail", "password=hunter2")).isZero();
        assertThat(run("audit", "log", "--type", "data_delete", "--user", "bob", "--action", "delete",
                "--resource", "customers", "--result", "failure", "--level", "WARNING")).isZero();
        assertThat(run("audit", "log", "--type", "user-login", "--user", "bob", "--action", "login", "--result", "failure")).isZero();
    }

    private Path logFile() {
        return work.resolve("home/.local/state/p21mon/audit/audit-2026-11-23.jsonl");
    }

    @Test
    void reindexRebuildsTheQueryIndexOfThePlainDayAndQueriesAnswerAsBefore() throws Exception {
        logSome();
        Path idx = logFile().resolveSibling(logFile().getFileName() + ".idx");
        byte[] written = Files.readAllBytes(idx);
        Files.delete(idx);
        assertThat(run("audit", "query", "--user", "bob", "-o", "jsonl")).isZero();
        assertThat(out.lines()).hasSize(2);
        assertThat(run("audit", "reindex")).isZero();
        assertThat(out).isEqualTo("indexed audit-2026-11-23.jsonl.idx\n");
        assertThat(Files.readAllBytes(idx)).isEqualTo(written);
        assertThat(run("audit", "query", "--user", "bob", "-o", "jsonl")).isZero();
        assertThat(out.lines()).hasSize(2).allMatch(l -> l.contains("\"user_id\":\"bob\""));
    }

    @Test
    void logQueryInEveryFormatReportAndVerify() {
        logSome();
        assertThat(run("audit", "query", "--user", "bob", "-o", "jsonl")).isZero();
        assertThat(out.lines()).hasSize(2).allMatch(l -> l.startsWith("{\"seq\":") && l.contains("\"user_id\":\"bob\""));
        assertThat(run("audit", "query", "--type", "user_login", "-o", "csv")).isZero();
        assertThat(out.lines().toList()).hasSize(3).first().asString().startsWith("seq,event_id,timestamp");
        assertThat(run("audit", "query", "--result", "failure", "--level", "warning", "-o", "json")).isZero();
        assertThat(out).startsWith("[\n  {\"seq\":2,").endsWith("\n]\n");
        assertThat(run("audit", "query", "--since", "today", "--limit", "1")).isZero();
        assertThat(out.lines().toList()).hasSize(2).last().asString().contains(" 3 ").contains("user_login");
        assertThat(run("audit", "query", "--source-ip", "10.0.0.7", "--source-ip", "10.0.0.8", "-o", "jsonl")).isZero();
        assertThat(out.lines()).hasSize(1).allMatch(l -> l.contains("\"source_ip\":\"10.0.0.7\""));
        assertThat(run("audit", "query", "--action", "delete", "--resource", "customers", "-o", "jsonl")).isZero();
        assertThat(out.lines()).hasSize(1).allMatch(l -> l.startsWith("{\"seq\":2,"));
        assertThat(run("audit", "query", "--source-ip", "10.0.0", "-o", "jsonl")).as("an address, not a prefix").isZero();
        assertThat(out).isEmpty();
        assertThat(run("audit", "report", "--by", "user", "--source-ip", "10.0.0.7", "-o", "csv")).isZero();
        assertThat(out.lines()).hasSize(2).last().asString().startsWith("alice,1,0,");
        assertThat(run("audit", "query", "--grep", "***", "-o", "yaml")).isZero();
        assertThat(out).contains("- seq: 1\n").contains("password: '***'");
        assertThat(run("audit", "report", "--by", "user")).isZero();
        // the three logged above: bob twice (both failed), alice once (succeeded); busiest first, then the total
        assertThat(out.lines().map(l -> l.strip().split("\\s+")).filter(c -> c.length >= 3).map(c -> c[0] + " " + c[1] + " " + c[2]))
                .containsExactly("USER COUNT FAILED", "bob 2 2", "alice 1 0", "TOTAL 3 2");
        assertThat(run("audit", "report", "--by", "level", "-o", "csv")).isZero();
        assertThat(out.lines().map(l -> l.substring(0, l.indexOf(",", l.indexOf(",", l.indexOf(",") + 1) + 1))))
                .containsExactly("key,count,failed", "info,2,1", "warning,1,1");
        assertThat(run("audit", "report", "--logins", "-o", "json")).isZero();
        assertThat(out).contains("\"by\" : \"login\"").contains("\"total\" : 2");
        assertThat(run("audit", "verify")).isZero();
        assertThat(out).contains("intact").contains("3 records");
        assertThat(run("audit", "query", "--user", "nobody")).isZero();
        assertThat(out.lines().toList()).as("no match: the header alone").hasSize(1).first().asString().contains("USER");
        assertThat(run("audit", "query", "--user", "nobody", "-o", "json")).isZero();
        assertThat(out).isEqualTo("[]\n");
    }

    @Test
    void logPrintsTheStoredRecordFlatInEveryFormat() throws Exception {
        assertThat(run("audit", "log", "--type", "user_login", "--user", "alice", "--action", "login", "-o", "yaml")).isZero();
        com.fasterxml.jackson.databind.JsonNode yaml = new com.fasterxml.jackson.databind.ObjectMapper(
                new com.fasterxml.jackson.dataformat.yaml.YAMLFactory()).readTree(out);
        assertThat(yaml.has("event")).as(out).isFalse();
        assertThat(yaml.get("user_id").asText()).isEqualTo("alice");
        assertThat(run("audit", "log", "--type", "user_login", "--user", "bob", "--action", "login", "-o", "json")).isZero();
        com.fasterxml.jackson.databind.JsonNode json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(out);
        List<String> jsonKeys = new java.util.ArrayList<>();
        json.fieldNames().forEachRemaining(jsonKeys::add);
        List<String> yamlKeys = new java.util.ArrayList<>();
        yaml.fieldNames().forEachRemaining(yamlKeys::add);
        assertThat(yamlKeys).isEqualTo(jsonKeys);
        assertThat(run("audit", "log", "--help")).isZero();
        assertThat(out).contains("yaml");
        assertThat(run("audit", "log", "--action", "x")).isEqualTo(2);
        assertThat(err).contains("--type").contains("--user");
    }

    @Test
    void anchorToAFileAndVerifyCompleteness() throws Exception {
        logSome();
        assertThat(run("audit", "anchor", "--to", "anchor.jsonl")).isZero();
        assertThat(out).startsWith("{\"hash\":\"").contains("\"seq\":3");
        assertThat(run("audit", "verify", "--anchor", "anchor.jsonl")).isZero();
        assertThat(out).contains("completeness: ok");
        List<String> lines = Files.readAllLines(logFile());
        Files.write(logFile(), lines.subList(0, 2));
        assertThat(run("audit", "verify", "--anchor", "anchor.jsonl")).isEqualTo(1);
        assertThat(out).contains("incomplete").contains("ends at seq 2").contains("anchor says seq 3");
        assertThat(run("audit", "verify", "--anchor", "missing.jsonl")).isEqualTo(2);
        assertThat(err).contains("--anchor").contains("missing.jsonl");
    }

    @Test
    void exportThenImportRoundTripsAndReferenceFilesImport() throws Exception {
        logSome();
        assertThat(run("audit", "export", "--out", "out/all.jsonl")).isZero();
        assertThat(Files.readAllLines(work.resolve("out/all.jsonl"))).hasSize(3);
        assertThat(run("audit", "import", "--dir", "copy", "out/all.jsonl", "-o", "json")).isZero();
        assertThat(out).contains("\"imported\" : 3");
        assertThat(run("audit", "verify", "--dir", "copy")).isZero();
        Path ref = work.resolve("ref");
        Files.createDirectories(ref);
        Files.copy(Path.of(System.getProperty("user.dir"), "src/test/resources/audit/reference/audit-2025-09-20-140305.jsonl"),
                ref.resolve("audit-2025-09-20-140305.jsonl"));
        Files.writeString(ref.resolve("audit-2025-09-20-150000.jsonl"), "not json\n{\"event_type\":\"user_login\",\"timestamp\":\"2025-09-20T15:00:00\"}\n");
        assertThat(run("audit", "import", "--dir", "imported", "--timezone", "UTC", "ref")).isEqualTo(1);
        assertThat(out).contains("5 ").contains("rejected: ").contains("audit-2025-09-20-150000.jsonl:1: not valid JSON");
        assertThat(run("audit", "query", "--dir", "imported", "--user", "mallory", "-o", "jsonl")).isZero();
        assertThat(out).contains("\"import_checksum\":\"mismatch\"");
    }

    @Test
    void checkpointReturnsOnlyNewRecords() {
        logSome();
        assertThat(run("audit", "query", "--checkpoint", "cp.json", "-o", "jsonl")).isZero();
        assertThat(out.lines()).hasSize(3);
        assertThat(run("audit", "query", "--checkpoint", "cp.json", "-o", "jsonl")).isZero();
        assertThat(out).isEmpty();
        run("audit", "log", "--type", "user_logout", "--user", "alice", "--action", "logout");
        assertThat(run("audit", "query", "--checkpoint", "cp.json", "-o", "jsonl")).isZero();
        assertThat(out.lines()).hasSize(1).allMatch(l -> l.contains("\"seq\":4"));
    }

    @Test
    void aMalformedLineMidFileIsNamedAndQueriesStillWork() throws Exception {
        logSome();
        List<String> lines = new ArrayList<>(Files.readAllLines(logFile()));
        lines.set(1, lines.get(1).substring(0, 40));
        Files.write(logFile(), lines);
        assertThat(run("audit", "verify")).isEqualTo(1);
        assertThat(out).contains("broken").contains("audit-2026-11-23.jsonl line 2").contains("malformed");
        assertThat(run("audit", "verify", "-o", "json")).isEqualTo(1);
        assertThat(out).contains("\"verdict\" : \"malformed\"").contains("\"line\" : 2");
        assertThat(run("audit", "query", "-o", "jsonl")).isZero();
        assertThat(out.lines()).hasSize(2);
        assertThat(run("audit", "log", "--type", "user_login", "--user", "x", "--action", "login")).isZero();
    }

    @Test
    void aFileFromADifferentChainIsAPrevMismatch() throws Exception {
        logSome();
        assertThat(run("audit", "log", "--dir", "other", "--type", "user_login", "--user", "eve", "--action", "login")).isZero();
        assertThat(run("audit", "log", "--dir", "other", "--type", "user_login", "--user", "eve", "--action", "login")).isZero();
        List<String> ours = Files.readAllLines(logFile());
        List<String> theirs = Files.readAllLines(work.resolve("other/audit-2026-11-23.jsonl"));
        Files.write(work.resolve("home/.local/state/p21mon/audit/audit-2026-11-24.jsonl"),
                List.of(theirs.get(1).replace("\"seq\":2", "\"seq\":" + (ours.size() + 1))));
        assertThat(run("audit", "verify")).isEqualTo(1);
        assertThat(out).contains("audit-2026-11-24.jsonl line 1").contains("hash_mismatch");
        Files.write(work.resolve("home/.local/state/p21mon/audit/audit-2026-11-24.jsonl"), List.of(theirs.get(0)));
        assertThat(run("audit", "verify")).isEqualTo(1);
        assertThat(out).contains("audit-2026-11-24.jsonl line 1").contains("reordered");
    }

    @Test
    void keysFromTheConfigurationAndTheirMistakes() throws Exception {
        Files.writeString(work.resolve("hmac.key"), "0123456789abcdef0123456789abcdef\n");
        Files.writeString(work.resolve("aes.key"), "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=\n");
        Files.writeString(work.resolve("p21mon.yaml"), "audit:\n  hmac_key_file: hmac.key\n  encryption_key_file: aes.key\n");
        logSome();
        assertThat(Files.readString(logFile())).doesNotContain("alice");
        assertThat(run("audit", "verify")).isZero();
        assertThat(out).contains("HMAC-keyed").contains("encrypted");
        assertThat(run("audit", "query", "--user", "alice", "-o", "jsonl")).isZero();
        assertThat(out).contains("\"user_id\":\"alice\"");
        Files.writeString(work.resolve("aes.key"), "AQECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=\n");
        assertThat(run("audit", "verify")).isEqualTo(2);
        assertThat(err).contains("wrong encryption key").contains("line 1");
        for (String format : new String[] {"table", "csv", "json", "jsonl", "yaml"}) {
            // stdout gets nothing when the command fails before its first result: no table header, no "["
            assertThat(run("audit", "query", "-o", format)).as(format).isEqualTo(2);
            assertThat(err).contains("wrong audit.encryption_key_file");
            assertThat(out).as(format).isEmpty();
        }
        Files.writeString(work.resolve("aes.key"), "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=\n");
        Files.writeString(work.resolve("hmac.key"), "ffffffffffffffffffffffffffffffff\n");
        assertThat(run("audit", "verify")).isEqualTo(1);
        assertThat(out).contains("hash_mismatch").contains("line 1").contains("key");
        Files.writeString(work.resolve("aes.key"), "short\n");
        assertThat(run("audit", "verify")).isEqualTo(2);
        assertThat(err).contains("audit.encryption_key_file").contains("16, 24 or 32 bytes");
    }

    @Test
    void badFlagsAndAnUnusableDirectoryAreClearErrors() throws Exception {
        assertThat(run("audit", "log", "--type", "coffee_break", "--user", "a", "--action", "b")).isEqualTo(2);
        assertThat(err).contains("'coffee_break' is not an audit event type");
        assertThat(run("audit", "log", "--type", "user_login", "--user", "a", "--action", "b", "--detail", "nokey")).isEqualTo(2);
        assertThat(err).contains("--detail 'nokey'");
        assertThat(run("audit", "query", "--since", "someday")).isEqualTo(2);
        assertThat(err).contains("--since 'someday'");
        assertThat(run("audit", "query", "-o", "xml")).isEqualTo(2);
        assertThat(run("audit", "prune")).isEqualTo(2);
        assertThat(err).contains("--older-than");
        assertThat(run("audit", "import", "nothing-here.jsonl")).isEqualTo(2);
        assertThat(err).contains("nothing-here.jsonl does not exist");
        Files.writeString(work.resolve("afile"), "x");
        assertThat(run("audit", "log", "--dir", "afile", "--type", "user_login", "--user", "a", "--action", "b")).isEqualTo(1);
        assertThat(err).contains("afile is not a directory");
        assertThat(run("audit", "query", "--dir", "afile")).isEqualTo(1);
        assertThat(err).contains("afile is not a directory");
        assertThat(run("audit")).isEqualTo(2);
    }

    @Test
    void aFullDiskFailsTheAppendCleanlyAndTheChainStaysIntact() throws Exception {
        logSome();
        long size = Files.size(logFile());
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // RLIMIT_FSIZE makes writes past the limit fail (EFBIG) as a full disk would; the JVM ignores SIGXFSZ
        long blocks = (size + 200) / 1024 + 1;
        Process p = new ProcessBuilder("bash", "-c", "ulimit -f " + blocks + "; exec \"$0\" -cp \"$1\" "
                + P21mon.class.getName() + " audit log --type user_action --user big --action write --detail blob=\"$2\"",
                java, System.getProperty("java.class.path"), "x".repeat(4000))
                .directory(work.toFile()).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(text).isEqualTo(1);
        assertThat(text).contains("cannot append to").contains("audit-2026-").contains("the chain is unchanged");
        assertThat(run("audit", "verify")).isZero();
        assertThat(out).contains("3 records");
        Files.writeString(work.resolve("home/.local/state/p21mon/audit/.keep"), "", StandardOpenOption.CREATE);
        assertThat(run("audit", "log", "--type", "user_login", "--user", "after", "--action", "login")).isZero();
        assertThat(run("audit", "verify")).isZero();
    }

    @Test
    void pruneRemovesOldDaysAndSaysSo() {
        logSome();
        clock = Clock.fixed(Instant.parse("2026-12-30T10:00:00Z"), ZoneOffset.UTC);
        assertThat(run("audit", "log", "--type", "user_login", "--user", "z", "--action", "login")).isZero();
        assertThat(run("audit", "prune", "--older-than", "30d", "--dry-run")).isZero();
        assertThat(out).contains("would remove 1 day file(s)").contains("audit-2026-11-23.jsonl");
        assertThat(run("audit", "prune", "--older-than", "30d")).isZero();
        assertThat(run("audit", "verify")).isZero();
        assertThat(out).contains("pruned");
    }
    @Test
    void retentionCompressAfterAndMaskFieldsComeFromTheAuditSection() throws Exception {
        Files.writeString(work.resolve("p21mon.yaml"),
                "audit:\n  retention: 30d\n  compress_after: 1d\n  mask_fields: [ticket]\n");
        assertThat(run("audit", "log", "--type", "user_action", "--user", "a", "--action", "open",
                "--detail", "ticket=T-1234", "--detail", "password=kept-visible")).isZero();
        String line = Files.readString(logFile());
        assertThat(line).contains("\"ticket\":\"***\"").contains("\"password\":\"kept-visible\"").doesNotContain("T-1234");
        clock = Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC);
        assertThat(run("audit", "log", "--type", "user_login", "--user", "b", "--action", "login")).isZero();
        clock = Clock.fixed(Instant.parse("2026-12-30T10:00:00Z"), ZoneOffset.UTC);
        assertThat(run("audit", "log", "--type", "user_login", "--user", "c", "--action", "login")).isZero();
        // audit.compress_after: closed days older than 1d are gzipped as the store goes on
        assertThat(work.resolve("home/.local/state/p21mon/audit/audit-2026-12-01.jsonl.gz")).exists();
        assertThat(work.resolve("home/.local/state/p21mon/audit/audit-2026-12-01.jsonl")).doesNotExist();
        // no --older-than: audit.retention (30d) removes 11-23 and keeps 12-01
        assertThat(run("audit", "prune", "-o", "json")).as(err).isZero();
        assertThat(out).contains("\"removed\" : [ \"audit-2026-11-23.jsonl");
        assertThat(Files.list(work.resolve("home/.local/state/p21mon/audit")).map(p -> p.getFileName().toString()))
                .noneMatch(n -> n.startsWith("audit-2026-11-23")).anyMatch(n -> n.startsWith("audit-2026-12-01"));
        assertThat(run("audit", "verify")).isZero();
    }

    @Test
    void recordsInTheOldDefaultDirectoryAreNamedOnceWithTheCommandThatMovesThem() throws Exception {
        assertThat(run("audit", "log", "--dir", "logs/audit", "--type", "user_login", "--user", "alice",
                "--action", "login")).isZero();
        assertThat(run("audit", "log", "--dir", "logs/audit", "--type", "data_read", "--user", "bob",
                "--action", "read")).isZero();
        assertThat(err).as("the directory in use is not named as legacy").isEmpty();
        Path state = work.resolve("home/.local/state/p21mon");

        assertThat(run("audit", "verify")).isZero();
        assertThat(err.lines()).hasSize(1);
        assertThat(err).contains(work.resolve("logs/audit").toAbsolutePath().toString())
                .contains(state.resolve("audit").toAbsolutePath().toString())
                .contains("p21mon audit import ./logs/audit");
        assertThat(run("audit", "verify")).isZero();
        assertThat(err).as("once per state directory").isEmpty();

        assertThat(run("audit", "import", "./logs/audit")).isZero();
        assertThat(run("audit", "verify", "-o", "json")).isZero();
        assertThat(out).contains("\"records\" : 2").contains("\"status\" : \"intact\"");
        assertThat(run("audit", "query", "--user", "bob", "-o", "jsonl")).isZero();
        assertThat(out.lines()).hasSize(1);
    }

    @Test
    void anotherStateDirectoryIsToldAgainAndAnAuditDirOfLogsAuditIsNotLegacy() throws Exception {
        assertThat(run("audit", "log", "--dir", "logs/audit", "--type", "user_login", "--user", "alice",
                "--action", "login")).isZero();
        assertThat(run("audit", "verify", "--state-dir", "s1")).isZero();
        assertThat(err).contains("p21mon audit import ./logs/audit");
        assertThat(run("audit", "verify", "--state-dir", "s2")).isZero();
        assertThat(err).contains("p21mon audit import ./logs/audit");
        Files.writeString(work.resolve("p21mon.yaml"), "audit:\n  dir: logs/audit\n");
        assertThat(run("audit", "verify", "--state-dir", "s3")).isZero();
        assertThat(err).isEmpty();
    }
}
