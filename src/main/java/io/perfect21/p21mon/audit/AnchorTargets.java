package io.perfect21.p21mon.audit;

import com.fasterxml.jackson.databind.JsonNode;
import io.perfect21.p21mon.Json;
import io.perfect21.p21mon.P21monException;
import io.perfect21.p21mon.client.HttpClients;
import io.perfect21.p21mon.client.LokiClient;
import io.perfect21.p21mon.client.PushgatewayClient;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Where anchors go and come from: a file (one JSON line appended per anchor), an http(s) URL (POST the JSON; GET
 * answers it), or the Pushgateway: group {@code job="p21mon_audit", instance=<host>} with
 * {@code p21_audit_head_seq{hash="…"}} and {@code p21_audit_head_timestamp_seconds}.
 */
public final class AnchorTargets {
    static final String JOB = "p21mon_audit";

    private AnchorTargets() {
    }

    static final String LOKI_JOB = "p21mon_audit_anchor";

    /**
     * Writes the anchor to the target; returns a description of where it went. {@code loki} pushes it as a log line
     * of the stream {@code {job="p21mon_audit_anchor", host=<host>}} to {@code lokiUrl}.
     */
    public static String write(Anchor a, String target, Path workDir, String gatewayUrl, String lokiUrl) {
        if ("loki".equals(target)) {
            LokiClient loki = new LokiClient(requireLoki(lokiUrl), "audit.loki_url");
            Map<String, String> labels = Map.of("job", LOKI_JOB, "host", a.host());
            loki.push(List.of(new LokiClient.Stream(labels, List.of(new LokiClient.Entry(LokiClient.nanos(a.timestamp()),
                    AnchorIo.json(a), labels)))));
            return "Loki " + lokiUrl + " (job " + LOKI_JOB + ", host " + a.host() + ")";
        }
        return write(a, target, workDir, gatewayUrl);
    }

    private static String requireLoki(String url) {
        if (url == null || url.isBlank()) {
            throw P21monException.usage("anchor to loki: give --loki URL or set audit.loki_url");
        }
        return url;
    }

    /** The anchor last pushed to Loki for this host (looking back 30 days). */
    public static Anchor readLoki(String lokiUrl, String host, java.time.Instant now) {
        LokiClient loki = new LokiClient(requireLoki(lokiUrl), "audit.loki_url");
        List<LokiClient.Entry> last = loki.queryRange("{job=\"" + LOKI_JOB + "\",host=\"" + host + "\"}",
                now.minus(java.time.Duration.ofDays(30)), now, 1, false);
        if (last.isEmpty()) {
            throw P21monException.failed("--anchor loki: " + lokiUrl + " holds no anchor for host " + host
                    + " in the last 30 days; run 'p21mon audit anchor --to loki' first");
        }
        return AnchorIo.parse(last.get(0).line(), "Loki " + lokiUrl);
    }

    /** Writes the anchor to a file, an http(s) URL or the Pushgateway; returns where it went. */
    public static String write(Anchor a, String target, Path workDir, String gatewayUrl) {
        if ("pushgateway".equals(target)) {
            String text = "# HELP p21_audit_head_seq Seq of the audit chain's head; the hash label is its hash.\n"
                    + "# TYPE p21_audit_head_seq gauge\n"
                    + "p21_audit_head_seq{hash=\"" + a.hash() + "\"} " + a.seq() + "\n"
                    + "# HELP p21_audit_head_timestamp_seconds When the anchor was taken.\n"
                    + "# TYPE p21_audit_head_timestamp_seconds gauge\n"
                    + "p21_audit_head_timestamp_seconds " + a.timestamp().toEpochMilli() / 1000.0 + "\n";
            new PushgatewayClient(gatewayUrl, HttpClients.CALL_TIMEOUT).push(JOB, Map.of("instance", a.host()),
                    text.getBytes(java.nio.charset.StandardCharsets.UTF_8), true);
            return "Pushgateway " + gatewayUrl + " (job " + JOB + ", instance " + a.host() + ")";
        }
        if (target.startsWith("http://") || target.startsWith("https://")) {
            HttpUrl url = HttpClients.baseUrl(target, "--to");
            Request req = new Request.Builder().url(url)
                    .post(RequestBody.create(AnchorIo.json(a), MediaType.get("application/json"))).build();
            try (Response resp = HttpClients.shared().newCall(req).execute()) {
                if (!resp.isSuccessful()) {
                    throw HttpClients.badStatus("POST", resp, resp.body().string());
                }
            } catch (IOException e) {
                throw HttpClients.unreachable("POST", url, e);
            }
            return HttpClients.redact(url);
        }
        Path file = workDir.resolve(target);
        AnchorIo.appendTo(file, a);
        return file.toString();
    }

    /** The {@code data} array of the Pushgateway's {@code GET /api/v1/metrics}: one entry per group. */
    private static JsonNode pushgatewayGroups(String gatewayUrl) {
        HttpUrl url = HttpClients.baseUrl(gatewayUrl, "--gateway").newBuilder().addPathSegments("api/v1/metrics").build();
        try (Response resp = HttpClients.shared().newCall(new Request.Builder().url(url).get().build()).execute()) {
            String body = resp.body().string();
            if (!resp.isSuccessful()) {
                throw HttpClients.badStatus("GET", resp, body);
            }
            JsonNode data = Json.mapper().readTree(body).path("data");
            if (!data.isArray()) {
                throw P21monException.failed("GET " + HttpClients.redact(url) + ": not a Pushgateway answer (no data array)");
            }
            return data;
        } catch (IOException e) {
            throw HttpClients.unreachable("GET", url, e);
        }
    }

    /** Reads an anchor back from where {@link #write} put it. */
    public static Anchor read(String source, Path workDir, String gatewayUrl, String host) {
        if ("pushgateway".equals(source)) {
            for (JsonNode group : pushgatewayGroups(gatewayUrl)) {
                JsonNode labels = group.path("labels");
                if (JOB.equals(labels.path("job").asText()) && host.equals(labels.path("instance").asText())) {
                    JsonNode m = group.path("p21_audit_head_seq").path("metrics").path(0);
                    if (!m.isMissingNode()) {
                        return new Anchor((long) Double.parseDouble(m.path("value").asText()),
                                m.path("labels").path("hash").asText(), host, null, "Pushgateway " + gatewayUrl);
                    }
                }
            }
            throw P21monException.failed("--anchor pushgateway: " + gatewayUrl + " holds no p21_audit_head_seq for job "
                    + JOB + ", instance " + host + "; run 'p21mon audit anchor --to pushgateway' first");
        }
        if (source.startsWith("http://") || source.startsWith("https://")) {
            HttpUrl url = HttpClients.baseUrl(source, "--anchor");
            try (Response resp = HttpClients.shared().newCall(new Request.Builder().url(url).get().build()).execute()) {
                String body = resp.body().string();
                if (!resp.isSuccessful()) {
                    throw HttpClients.badStatus("GET", resp, body);
                }
                return AnchorIo.parse(body, HttpClients.redact(url));
            } catch (IOException e) {
                throw HttpClients.unreachable("GET", url, e);
            }
        }
        return AnchorIo.readFile(workDir.resolve(source));
    }
}
