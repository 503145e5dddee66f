package io.perfect21.p21mon.audit;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Shared helpers for the audit tests: stores, random events (the settable clock is {@code testing.FakeClock}). */
final class AuditTesting {
    private AuditTesting() {
    }


    /** Whether the index of a plain day file holds exactly the entries a rebuild writes (it is left as it was). */
    static boolean indexUpToDate(Path dayFile) throws java.io.IOException {
        Path idx = AuditIndex.of(dayFile);
        if (!java.nio.file.Files.exists(idx)) {
            return false;
        }
        byte[] was = java.nio.file.Files.readAllBytes(idx);
        AuditIndex.rebuild(dayFile);
        byte[] rebuilt = java.nio.file.Files.readAllBytes(idx);
        java.nio.file.Files.write(idx, was);
        return java.util.Arrays.equals(was, rebuilt);
    }

    static AuditStore store(Path dir, Clock clock) {
        return new AuditStore(dir, null, null, List.of("password", "token", "secret", "authorization", "api_key"),
                null, "test-host", clock);
    }

    static AuditStore store(Path dir, Clock clock, byte[] hmac, byte[] aes) {
        return new AuditStore(dir, hmac, aes, List.of("password"), null, "test-host", clock);
    }

    static AuditEvent event(int i) {
        return AuditEvent.of(AuditEventType.USER_ACTION, AuditLevel.INFO, "user" + (i % 7), "act" + i)
                .withResource("res" + (i % 3)).withDetails(Map.of("i", i));
    }

    /** Random events over the given days, in time order. */
    static List<AuditEvent> randomEvents(Random rnd, int n, Instant start, Duration span) {
        List<AuditEvent> out = new ArrayList<>();
        AuditEventType[] types = AuditEventType.values();
        AuditLevel[] levels = AuditLevel.values();
        String[] results = {"success", "failure", "error", "blocked"};
        for (int i = 0; i < n; i++) {
            Instant t = start.plusMillis(span.toMillis() * i / n);
            out.add(new AuditEvent("e" + i, t, "h" + rnd.nextInt(2), types[rnd.nextInt(5)].value(),
                    levels[rnd.nextInt(levels.length)].value(), "u" + rnd.nextInt(5), null, "10.0.0." + rnd.nextInt(3),
                    null, "r" + rnd.nextInt(4), "a" + rnd.nextInt(3), results[rnd.nextInt(results.length)],
                    Map.of("n", rnd.nextInt(100), "note", rnd.nextBoolean() ? "x,\"y\"" : "ü"), Map.of()));
        }
        return out;
    }
}
