package io.perfect21.p21mon.audit;

import io.perfect21.p21mon.config.AuditConfig;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The library's audit logger, with the seed's calls. Every call returns once its record is on disk; calls from many
 * threads at once are committed together (group commit: one lock, one write and one fsync for all waiting), and
 * other processes may append to the same directory at the same time. Thread-safe.
 *
 * <pre>{@code
 * AuditLogger audit = AuditLogger.open(config.audit(), Path.of("."));
 * audit.logUserLogin("alice", "10.0.0.7", "curl/8", true);
 * audit.logApiRequest("GET", "/api/customers", 200, "alice", 0.012);
 * List<AuditRecord> last = audit.queryEvents(null, null, List.of("alice"), null, null, null, 100);
 * }</pre>
 */
public final class AuditLogger {
    private final AuditStore store;
    private final String sessionId = UUID.randomUUID().toString().substring(0, 8);
    private final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();
    private final ReentrantLock commit = new ReentrantLock();

    private static final class Pending {
        final AuditEvent event;
        volatile AuditRecord record;
        volatile RuntimeException error;

        Pending(AuditEvent event) {
            this.event = event;
        }
    }

    public AuditLogger(AuditStore store) {
        this.store = store;
    }

    /** A logger over the configured store ({@link AuditStores#dir}). */
    public static AuditLogger open(AuditConfig config, Path workDir, Path stateDir) {
        return new AuditLogger(AuditStores.open(config, workDir, stateDir, Clock.systemUTC(), null));
    }

    public AuditStore store() {
        return store;
    }

    /** Appends one event, durable on return. */
    public AuditRecord log(AuditEvent event) {
        Pending p = new Pending(event.complete(Timestamps.now(store.clock()), store.host()));
        queue.add(p);
        commit.lock();
        try {
            if (p.record == null && p.error == null) {
                List<Pending> batch = new ArrayList<>();
                for (Pending q; (q = queue.poll()) != null; ) {
                    batch.add(q);
                }
                List<AuditEvent> events = new ArrayList<>(batch.size());
                batch.forEach(b -> events.add(b.event));
                try {
                    List<AuditRecord> done = store.appendLocal(events);
                    for (int i = 0; i < batch.size(); i++) {
                        batch.get(i).record = done.get(i);
                    }
                } catch (RuntimeException e) {
                    batch.forEach(b -> b.error = e);
                }
            }
        } finally {
            commit.unlock();
        }
        if (p.error != null) {
            throw p.error;
        }
        store.ship(); // after the commit lock: a slow Loki holds up no other thread's append
        return p.record;
    }

    /** The seed's {@code log_user_event}. */
    public AuditRecord logUserEvent(AuditEventType type, String userId, String action, String resource, String result,
                                    Map<String, Object> details, String sourceIp, String userAgent, AuditLevel level) {
        return log(event(type, level, userId, action, resource, result, details, sourceIp, userAgent, "user_interface"));
    }

    /** The seed's {@code log_security_event} (level WARNING unless given). */
    public AuditRecord logSecurityEvent(AuditEventType type, String action, String result, String userId,
                                        String sourceIp, Map<String, Object> details, AuditLevel level) {
        return log(event(type, level == null ? AuditLevel.WARNING : level, userId, action, null, result, details,
                sourceIp, null, "security"));
    }

    /** The seed's {@code log_user_login}: success INFO, failure WARNING. */
    public AuditRecord logUserLogin(String userId, String sourceIp, String userAgent, boolean success) {
        return log(event(AuditEventType.USER_LOGIN, success ? AuditLevel.INFO : AuditLevel.WARNING, userId, "login",
                null, success ? "success" : "failure", null, sourceIp, userAgent, "user_interface"));
    }

    /** The seed's {@code log_api_request}: result success for 2xx/3xx (INFO), else error (WARNING). */
    public AuditRecord logApiRequest(String method, String endpoint, int statusCode, String userId,
                                     Double durationSeconds) {
        boolean ok = statusCode >= 200 && statusCode < 400;
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("method", method);
        details.put("status_code", statusCode);
        details.put("duration_ms", durationSeconds == null ? null : durationSeconds * 1000);
        return log(event(AuditEventType.API_REQUEST, ok ? AuditLevel.INFO : AuditLevel.WARNING, userId, method,
                endpoint, ok ? "success" : "error", details, null, null, "api"));
    }

    /**
     * The seed's {@code query_events}: the newest {@code limit} records matching every given criterion (null or empty:
     * any), oldest first; {@code from} inclusive, {@code to} exclusive.
     */
    public List<AuditRecord> queryEvents(Collection<AuditEventType> types, Collection<AuditLevel> levels,
                                         Collection<String> users, Collection<String> resources, Instant from,
                                         Instant to, int limit) {
        AuditFilter f = new AuditFilter(users == null ? null : new java.util.HashSet<>(users),
                types == null ? null : types.stream().map(AuditEventType::value).collect(java.util.stream.Collectors.toSet()),
                levels == null ? null : levels.stream().map(AuditLevel::value).collect(java.util.stream.Collectors.toSet()),
                null, null, null, null, from, to, null, 0);
        java.util.ArrayDeque<AuditRecord> newest = new java.util.ArrayDeque<>();
        new AuditQuery(store).run(AuditQuery.Request.of(f), r -> {
            if (resources == null || resources.isEmpty() || resources.contains(r.event().resource())) {
                if (limit > 0 && newest.size() == limit) {
                    newest.removeFirst();
                }
                newest.addLast(r);
            }
        });
        return new ArrayList<>(newest);
    }

    private AuditEvent event(AuditEventType type, AuditLevel level, String userId, String action, String resource,
                             String result, Map<String, Object> details, String sourceIp, String userAgent,
                             String component) {
        return new AuditEvent(UUID.randomUUID().toString(), null, null, type.value(),
                (level == null ? AuditLevel.INFO : level).value(), userId, sessionId, sourceIp, userAgent, resource,
                action, result == null ? "success" : result, details, Map.of("component", component));
    }
}
