package io.perfect21.p21mon.audit;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * A separate process for the concurrency tests: appends N events (N &lt; 0: until killed) to DIR through the
 * library, each one durable, printing "ready" first and the seq of every 50th record.
 */
public final class AuditAppendMain {
    private AuditAppendMain() {
    }

    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        int n = Integer.parseInt(args[1]);
        String who = args[2];
        AuditLogger logger = new AuditLogger(new AuditStore(dir, null, null, List.of("password"), null, who,
                Clock.systemUTC()));
        System.out.println("ready");
        System.out.flush();
        for (int i = 0; n < 0 || i < n; i++) {
            AuditRecord r = logger.logUserEvent(AuditEventType.USER_ACTION, who, "append-" + i, "r" + i % 3,
                    "success", Map.of("i", i), "10.0.0." + i % 4, null, AuditLevel.INFO);
            if (i % 50 == 0) {
                System.out.println(r.seq());
                System.out.flush();
            }
        }
    }
}
