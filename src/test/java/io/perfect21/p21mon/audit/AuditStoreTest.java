package io.perfect21.p21mon.audit;

import io.perfect21.p21mon.testing.FakeClock;
import io.perfect21.p21mon.P21monException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AuditStoreTest {
    @TempDir
    Path dir;

    final FakeClock clock = new FakeClock(Instant.parse("2026-11-23T10:00:00.123Z"));

    @Test
    void writesTheSpecFieldOrderMasksSecretsAndKeepsFilesPrivate() throws IOException {
        AuditStore store = AuditTesting.store(dir, clock);
        store.append(List.of(AuditEvent.of(AuditEventType.USER_ACTION, AuditLevel.INFO, "user123", "data_export")
                .withResource("customer_data").withSource("192.168.1.100", null)
                .withDetails(Map.of("db_password", "hunter2", "rows", 5))));
        Path f = dir.resolve("audit-2026-11-23.jsonl");
        String line = Files.readString(f);
        assertThat(line).matches("\\{\"seq\":1,\"event_id\":\"[0-9a-f-]{36}\",\"timestamp\":\"2026-11-23T10:00:00.123Z\","
                + "\"host\":\"test-host\",\"event_type\":\"user_action\",\"level\":\"info\",\"user_id\":\"user123\","
                + "\"session_id\":null,\"source_ip\":\"192.168.1.100\",\"user_agent\":null,\"resource\":\"customer_data\","
                + "\"action\":\"data_export\",\"result\":\"success\",\"details\":\\{\"db_password\":\"\\*\\*\\*\",\"rows\":5},"
                + "\"metadata\":\\{},\"prev\":\"0{64}\",\"hash\":\"[0-9a-f]{64}\"}\n");
        assertThat(Files.getPosixFilePermissions(f)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    }

    @Test
    void chainsAcrossDaysAndVerifies() {
        AuditStore store = AuditTesting.store(dir, clock);
        for (int day = 0; day < 3; day++) {
            List<AuditEvent> batch = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                batch.add(AuditTesting.event(i));
            }
            store.append(batch);
            clock.advance(Duration.ofDays(1));
        }
        assertThat(store.files()).extracting(DayFile::name)
                .containsExactly("audit-2026-11-23.jsonl", "audit-2026-11-24.jsonl", "audit-2026-11-25.jsonl");
        VerifyReport r = new AuditVerifier(store).verify(null);
        assertThat(r.status()).isEqualTo("intact");
        assertThat(r.records()).isEqualTo(15);
        assertThat(r.lastSeq()).isEqualTo(15);
    }

    @Test
    void aTornLastLineGoesToTheTornFileAndAppendsGoOn() throws IOException {
        AuditStore store = AuditTesting.store(dir, clock);
        store.append(List.of(AuditTesting.event(1), AuditTesting.event(2)));
        Path f = dir.resolve("audit-2026-11-23.jsonl");
        Files.writeString(f, "{\"seq\":3,\"event_id\":\"x\",\"times", java.nio.file.StandardOpenOption.APPEND);
        VerifyReport before = new AuditVerifier(AuditTesting.store(dir, clock)).verify(null);
        assertThat(before.ok()).isTrue();
        assertThat(before.warnings()).anyMatch(w -> w.contains("torn last line"));

        List<String> notices = new ArrayList<>();
        AuditStore again = AuditTesting.store(dir, clock).onWarning(notices::add);
        AuditRecord r = again.append(List.of(AuditTesting.event(3))).get(0);
        assertThat(r.seq()).isEqualTo(3);
        assertThat(notices).anyMatch(n -> n.contains("torn"));
        assertThat(Files.readString(dir.resolve("audit-2026-11-23.jsonl.torn"))).isEqualTo("{\"seq\":3,\"event_id\":\"x\",\"times\n");
        assertThat(new AuditVerifier(again).verify(null).status()).isEqualTo("intact");
    }

    @Test
    void hmacKeyedChainFailsWithTheWrongKey() {
        byte[] key = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
        AuditStore keyed = AuditTesting.store(dir, clock, key, null);
        keyed.append(List.of(AuditTesting.event(1), AuditTesting.event(2)));
        assertThat(new AuditVerifier(keyed).verify(null).ok()).isTrue();
        byte[] wrong = "fedcba9876543210fedcba9876543210".getBytes(StandardCharsets.US_ASCII);
        VerifyReport r = new AuditVerifier(AuditTesting.store(dir, clock, wrong, null)).verify(null);
        assertThat(r.problem().verdict()).isEqualTo("hash_mismatch");
        assertThat(r.problem().seq()).isEqualTo(1L);
        assertThat(r.problem().message()).contains("key");
        assertThat(new AuditVerifier(AuditTesting.store(dir, clock)).verify(null).problem().line()).isEqualTo(1);
    }

    @Test
    void encryptedRecordsReadBackOnlyWithTheKey() throws IOException {
        byte[] aes = HexFormat.of().parseHex("00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff");
        AuditStore enc = AuditTesting.store(dir, clock, null, aes);
        enc.append(List.of(AuditTesting.event(1).withDetails(Map.of("card", "card-number-4111")), AuditTesting.event(2)));
        String text = Files.readString(dir.resolve("audit-2026-11-23.jsonl"));
        assertThat(text).doesNotContain("card-number").doesNotContain("user1").contains("\"enc\":");
        assertThat(new AuditVerifier(enc).verify(null).encrypted()).isTrue();
        List<AuditRecord> got = new ArrayList<>();
        new AuditQuery(enc).run(AuditQuery.Request.of(AuditFilter.all()), got::add);
        assertThat(got).extracting(r -> r.event().details().get("card")).containsExactly("card-number-4111", null);

        byte[] wrong = aes.clone();
        wrong[0] ^= 1;
        assertThatThrownBy(() -> new AuditVerifier(AuditTesting.store(dir, clock, null, wrong)).verify(null))
                .isInstanceOf(P21monException.class).hasMessageContaining("wrong encryption key")
                .extracting(e -> ((P21monException) e).kind()).isEqualTo(P21monException.Kind.USAGE);
        assertThatThrownBy(() -> new AuditVerifier(AuditTesting.store(dir, clock)).verify(null))
                .hasMessageContaining("encrypted");
    }

    @Test
    void pruneKeepsTheRestVerifiableAndCompressedDaysStillQuery() {
        AuditStore store = AuditTesting.store(dir, clock);
        for (int day = 0; day < 5; day++) {
            store.append(List.of(AuditTesting.event(day), AuditTesting.event(day + 10)));
            clock.advance(Duration.ofDays(1));
        }
        PruneReport p = new AuditPruner(store).prune(Duration.ofDays(3), Duration.ofDays(1), false);
        assertThat(p.removed()).containsExactly("audit-2026-11-23.jsonl", "audit-2026-11-24.jsonl");
        assertThat(p.compressed()).isNotEmpty();
        assertThat(store.files()).anyMatch(DayFile::gzip);
        VerifyReport r = new AuditVerifier(store).verify(null);
        assertThat(r.status()).isEqualTo("intact");
        assertThat(r.firstSeq()).isEqualTo(5);
        List<AuditRecord> got = new ArrayList<>();
        new AuditQuery(store).run(AuditQuery.Request.of(AuditFilter.all()), got::add);
        assertThat(got).extracting(AuditRecord::seq).containsExactly(5L, 6L, 7L, 8L, 9L, 10L);
        assertThat(store.append(List.of(AuditTesting.event(99))).get(0).seq()).isEqualTo(11);
    }

    @Test
    void importsTheReferenceModuleFilesAndChecksTheirChecksums() throws IOException {
        Path src = dir.resolve("ref");
        Files.createDirectories(src.resolve("archived"));
        Path fixture = Path.of("src/test/resources/audit/reference/audit-2025-09-20-140305.jsonl");
        Files.copy(fixture, src.resolve(fixture.getFileName()));
        try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(src.resolve("archived/audit-2025-09-19-090000.jsonl.gz")))) {
            out.write(Files.readAllLines(fixture).get(0).getBytes(StandardCharsets.UTF_8));
            out.write('\n');
        }
        AuditStore store = AuditTesting.store(dir.resolve("store"), clock);
        ImportReport r = new AuditImporter(store, ZoneOffset.ofHours(2)).importFrom(src.toString(), null);
        assertThat(r.imported()).isEqualTo(5);
        assertThat(r.checksumChecked()).isEqualTo(5);
        assertThat(r.checksumMismatch()).isEqualTo(1);
        List<AuditRecord> got = new ArrayList<>();
        new AuditQuery(store).run(AuditQuery.Request.of(AuditFilter.all()), got::add);
        assertThat(got.get(1).event().timestamp()).isEqualTo(Instant.parse("2025-09-20T12:03:05.123456Z"));
        assertThat(got.get(2).event().userId()).isEqualTo("张伟");
        assertThat(got.get(3).event().details().get("api_key")).isEqualTo("***");
        assertThat(got.get(4).event().metadata()).containsEntry("import_checksum", "mismatch");
        assertThat(got.get(3).event().metadata()).doesNotContainKey("import_checksum");
        assertThat(store.files()).extracting(DayFile::name).containsExactly("audit-2025-09-20.jsonl");
        assertThat(new AuditVerifier(store).verify(null).ok()).isTrue();
    }

    @Test
    void appendRefusesToChainOnADamagedLastRecord() throws IOException {
        AuditStore store = AuditTesting.store(dir, clock);
        store.append(List.of(AuditTesting.event(1)));
        Files.writeString(dir.resolve("audit-2026-11-23.jsonl"), "garbage\n", java.nio.file.StandardOpenOption.APPEND);
        assertThatThrownBy(() -> AuditTesting.store(dir, clock).append(List.of(AuditTesting.event(2))))
                .hasMessageContaining("not a valid record").hasMessageContaining("audit-2026-11-23.jsonl");
    }

    @Test
    void theLibraryLoggerGroupCommitsAndQueries() throws InterruptedException {
        AuditLogger logger = new AuditLogger(AuditTesting.store(dir, clock));
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int id = t;
            Thread th = new Thread(() -> {
                for (int i = 0; i < 25; i++) {
                    logger.logUserLogin("u" + id, "10.0.0." + id, "ua", i % 2 == 0);
                }
            });
            threads.add(th);
            th.start();
        }
        for (Thread th : threads) {
            th.join();
        }
        logger.logApiRequest("GET", "/api/x", 503, "u9", 0.25);
        logger.logSecurityEvent(AuditEventType.SECURITY_VIOLATION, "sudo", "blocked", "u9", "1.2.3.4", Map.of(), null);
        logger.logUserEvent(AuditEventType.DATA_READ, "u9", "read", "db", null, Map.of("token", "t"), null, null, null);
        List<AuditRecord> u9 = logger.queryEvents(null, null, List.of("u9"), null, null, null, 100);
        assertThat(u9).hasSize(3);
        assertThat(u9.get(0).event().result()).isEqualTo("error");
        assertThat(u9.get(0).event().level()).isEqualTo("warning");
        assertThat(u9.get(0).event().details()).containsEntry("duration_ms", 250L);
        assertThat(u9.get(2).event().details()).containsEntry("token", "***");
        assertThat(logger.queryEvents(List.of(AuditEventType.USER_LOGIN), List.of(AuditLevel.WARNING), null, null,
                null, null, 1000)).hasSize(48);
        assertThat(new AuditVerifier(logger.store()).verify(null).records()).isEqualTo(103);
    }

    @Test
    void importsFromStdinInOrderDroppingForeignChainFields() {
        String input = "{\"seq\":77,\"event_type\":\"USER_LOGIN\",\"level\":\"INFO\",\"timestamp\":\"2026-11-23T08:00:00Z\","
                + "\"user_id\":\"a\",\"prev\":\"x\",\"hash\":\"y\"}\n\n"
                + "{\"event_type\":\"user_logout\",\"timestamp\":\"2026-11-23T09:00:00Z\",\"user_id\":\"a\"}\n";
        AuditStore store = AuditTesting.store(dir, clock);
        ImportReport r = new AuditImporter(store, ZoneOffset.UTC).importFrom("-",
                new java.io.ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
        assertThat(r.imported()).isEqualTo(2);
        assertThat(r.rejected()).isZero();
        List<AuditRecord> got = new ArrayList<>();
        new AuditQuery(store).run(AuditQuery.Request.of(AuditFilter.all()), got::add);
        assertThat(got).extracting(AuditRecord::seq).containsExactly(1L, 2L);
        assertThat(got.get(0).event().eventType()).isEqualTo("user_login");
        assertThat(got.get(0).event().level()).isEqualTo("info");
        assertThat(got.get(0).prev()).isEqualTo(AuditRecord.GENESIS);
        assertThat(new AuditVerifier(store).verify(null).ok()).isTrue();
    }
}
