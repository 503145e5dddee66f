package io.perfect21.p21mon.alerts;

import io.perfect21.p21mon.Json;
import io.perfect21.p21mon.alerts.notify.NotificationChannel;
import io.perfect21.p21mon.alerts.notify.Payload;
import io.perfect21.p21mon.alerts.notify.WebhookChannel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * {@code bench/notify.sh}'s p21mon side: N alerts start firing at once ({@link Notifier#process} of N observations),
 * each fanned out as one webhook notification through the whole machinery (state, routing, spool write, send,
 * spool delete). Prints alerts/s over the pass and the p50/p99 of each send's latency (a timing wrapper around the
 * channel). Also writes the exact payloads (one JSON per line) for the baseline client to post.
 * {@code java -cp … NotifyBenchMain URL N STATE_DIR PAYLOADS_FILE}
 */
public final class NotifyBenchMain {
    private NotifyBenchMain() {
    }

    /** Times each send of the wrapped channel. */
    static final class Timed implements NotificationChannel {
        final NotificationChannel inner;
        final List<Long> nanos = new ArrayList<>();

        Timed(NotificationChannel inner) {
            this.inner = inner;
        }

        @Override
        public String name() {
            return inner.name();
        }

        @Override
        public void send(io.perfect21.p21mon.alerts.Notification n) throws IOException {
            long t0 = System.nanoTime();
            inner.send(n);
            nanos.add(System.nanoTime() - t0);
        }

        @Override
        public Payload render(io.perfect21.p21mon.alerts.Notification n) throws IOException {
            return inner.render(n);
        }
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        int n = Integer.parseInt(args[1]);
        Path stateDir = Path.of(args[2]);
        Path payloads = Path.of(args[3]);
        List<Notifier.Observation> observations = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Map<String, String> key = Notifier.labels("alertname", "BenchAlert", "instance", "host-" + i);
            Map<String, String> labels = Notifier.labels("alertname", "BenchAlert", "instance", "host-" + i,
                    "severity", i % 10 == 0 ? "critical" : "warning");
            observations.add(new Notifier.Observation(key, "firing", true, labels,
                    Notifier.labels("summary", "bench alert " + i, "description", "fan-out benchmark")));
        }
        WebhookChannel webhook = new WebhookChannel("bench", url, Duration.ofSeconds(10));
        // the exact payloads, for the baseline client (a dry run: no state, no spool)
        Notifier.Outcome dry = new Notifier(stateDir, "bench", List.of(webhook), Duration.ofHours(1), Clock.systemUTC())
                .dryRun(true).process(observations);
        StringBuilder lines = new StringBuilder();
        for (Payload p : dry.payloads()) {
            lines.append(Json.mapper().readTree(p.body()).toString()).append('\n');
        }
        Files.writeString(payloads, lines);

        Timed timed = new Timed(webhook);
        // warm-up on another namespace (JIT, connection pool), not measured
        new Notifier(stateDir.resolve("warm"), "warm", List.of(timed), Duration.ofHours(1), Clock.systemUTC())
                .process(observations.subList(0, Math.min(50, n)));
        timed.nanos.clear();
        Notifier notifier = new Notifier(stateDir, "bench", List.of(timed), Duration.ofHours(1), Clock.systemUTC());
        long t0 = System.nanoTime();
        Notifier.Outcome o = notifier.process(observations);
        long wall = System.nanoTime() - t0;
        long[] sorted = timed.nanos.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        System.out.printf("p21mon Notifier: %d alerts -> %d delivered, %d spooled in %.0f ms: %.0f alerts/s; "
                        + "per-send latency p50 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                n, o.sent(), o.spooled(), wall / 1e6, n / (wall / 1e9), pct(sorted, 50), pct(sorted, 99),
                sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6);
        System.exit(o.sent() == n ? 0 : 1);
    }

    static double pct(long[] sorted, int p) {
        if (sorted.length == 0) {
            return 0;
        }
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, i)] / 1e6;
    }
}
