package io.perfect21.p21mon.audit;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Helpers for bench/audit.sh, run from the test classpath:
 * {@code generate FILE N} writes N events as JSON lines (1000 users, 300 source ips, 40 resources, 16 actions, 30 days
 * ending yesterday, in time order);
 * {@code generate-today FILE N} the same within today so far (one plain day file: the day being written);
 * {@code append DIR N THREADS} times the library's AuditLogger appends and prints events/s.
 */
public final class AuditBenchMain {
    private AuditBenchMain() {
    }

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "generate" -> generate(Path.of(args[1]), Integer.parseInt(args[2]), false);
            case "generate-today" -> generate(Path.of(args[1]), Integer.parseInt(args[2]), true);
            case "append" -> append(Path.of(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]));
            case "import" -> importWarm(Path.of(args[1]), Path.of(args[2]), Integer.parseInt(args[3]));
            default -> throw new IllegalArgumentException(args[0]);
        }
    }

    /** 300 source addresses: 200 inside, 100 outside (cardinalities an operator's day has; issue #24). */
    static final String[] IPS = new String[300];
    /** 40 resources: 10 collections, each as a list, an item, its history and a search. */
    static final String[] RESOURCES = new String[40];
    /** 16 actions (a power of two: one draw of the random, as the generator's first version took for two). */
    static final String[] ACTIONS = {"read", "list", "create", "update", "delete", "login", "logout", "export",
        "import", "approve", "reject", "search", "download", "upload", "share", "configure"};

    static {
        for (int i = 0; i < IPS.length; i++) {
            IPS[i] = i < 200 ? "10.0." + i / 50 + "." + (10 + i % 50) : "198.51.100." + (i - 199);
        }
        String[] collections = {"orders", "customers", "invoices", "items", "users", "reports", "payments",
            "shipments", "tickets", "settings"};
        String[] forms = {"", "/{id}", "/{id}/history", "/search"};
        for (int i = 0; i < RESOURCES.length; i++) {
            RESOURCES[i] = "/api/v1/" + collections[i % 10] + forms[i / 10];
        }
    }

    static void generate(Path file, int n, boolean today) throws IOException {
        Random rnd = new Random(42);
        AuditEventType[] types = AuditEventType.values();
        String[] results = {"success", "success", "success", "failure", "error"};
        Instant end = today ? Instant.now() : Instant.now().truncatedTo(ChronoUnit.DAYS);
        Instant start = today ? end.truncatedTo(ChronoUnit.DAYS) : end.minus(30, ChronoUnit.DAYS);
        long span = end.toEpochMilli() - start.toEpochMilli();
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int i = 0; i < n; i++) {
                Instant t = Instant.ofEpochMilli(start.toEpochMilli() + span * i / n);
                String user = String.format("user-%04d", rnd.nextInt(1000));
                AuditEventType type = types[rnd.nextInt(types.length)];
                w.write("{\"event_id\":\"" + new UUID(rnd.nextLong(), rnd.nextLong()) + "\",\"timestamp\":\"" + t
                        + "\",\"host\":\"web-" + rnd.nextInt(4) + "\",\"event_type\":\"" + type.value()
                        + "\",\"level\":\"" + (rnd.nextInt(10) == 0 ? "warning" : "info") + "\",\"user_id\":\"" + user
                        + "\",\"session_id\":\"" + Integer.toHexString(rnd.nextInt()) + "\",\"source_ip\":\""
                        + IPS[(rnd.nextInt(256) * 256 + rnd.nextInt(256)) % IPS.length]
                        + "\",\"user_agent\":\"Mozilla/5.0\",\"resource\":\"" + RESOURCES[rnd.nextInt(5000) % RESOURCES.length]
                        + "\",\"action\":\"" + ACTIONS[rnd.nextInt(ACTIONS.length)] + "\",\"result\":\""
                        + results[rnd.nextInt(results.length)] + "\",\"details\":{\"status_code\":200,\"duration_ms\":"
                        + rnd.nextInt(900) + "},\"metadata\":{\"component\":\"api\"}}\n");
            }
        }
    }

    /** Imports the file into fresh stores several times in one JVM: the warmed-up rate. */
    static void importWarm(Path file, Path dirs, int rounds) {
        for (int i = 0; i < rounds; i++) {
            AuditStore store = new AuditStore(dirs.resolve("r" + i), null, null, List.of("password"), null, "bench",
                    Clock.systemUTC());
            long t0 = System.nanoTime();
            ImportReport r = new AuditImporter(store, java.time.ZoneOffset.UTC).importFrom(file.toString(), null);
            double secs = (System.nanoTime() - t0) / 1e9;
            long v0 = System.nanoTime();
            VerifyReport v = new AuditVerifier(store).verify(null);
            double vs = (System.nanoTime() - v0) / 1e9;
            long q0 = System.nanoTime();
            long[] n = new long[1];
            new AuditQuery(store).run(AuditQuery.Request.of(new AuditFilter(java.util.Set.of("user-0042"), null, null, null,
                    null, null, null, null, null, null, 0)), x -> n[0]++);
            double qs = (System.nanoTime() - q0) / 1e9;
            System.out.printf("round %d: import %.0f events/s, verify %.0f records/s (%s), query %.2fs (%d)%n", i,
                    r.imported() / secs, v.records() / vs, v.status(), qs, n[0]);
        }
    }

    static void append(Path dir, int n, int threads) throws InterruptedException {
        AuditStore store = new AuditStore(dir, null, null, List.of("password"), null, "bench", Clock.systemUTC());
        AuditLogger logger = new AuditLogger(store);
        AtomicLong left = new AtomicLong(n);
        long t0 = System.nanoTime();
        List<Thread> ts = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            Thread t = new Thread(() -> {
                while (left.getAndDecrement() > 0) {
                    logger.logUserEvent(AuditEventType.USER_ACTION, "u1", "click", "/x", "success",
                            Map.of("k", "v"), "10.0.0.1", "ua", AuditLevel.INFO);
                }
            });
            ts.add(t);
            t.start();
        }
        for (Thread t : ts) {
            t.join();
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        System.out.printf("append threads=%d events=%d seconds=%.2f events_per_s=%.0f%n", threads, n, secs, n / secs);
    }
}
