package io.perfect21.p21mon.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.perfect21.p21mon.Json;
import io.perfect21.p21mon.P21monException;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/**
 * Grafana's dashboard HTTP API: {@code GET /api/dashboards/uid/UID} and {@code POST /api/dashboards/db}, with a
 * service-account token as {@code Authorization: Bearer} (never shown in an error). Grafana's documented refusals
 * become errors saying what to do: 401 (token), 403 (permission), and the 412 answers {@code version-mismatch},
 * {@code name-exists} and {@code plugin-dashboard}.
 *
 * <pre>{@code
 * GrafanaClient grafana = new GrafanaClient("http://localhost:3000", System.getenv("GRAFANA_TOKEN"), Duration.ofSeconds(30));
 * grafana.dashboard("p21mon-overview").ifPresent(r -> System.out.println(r.version()));
 * }</pre>
 */
public final class GrafanaClient {
    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

    private final HttpUrl base;
    private final String token;
    private final OkHttpClient http;

    /** A dashboard as Grafana holds it: its JSON, its folder and its version. */
    public record Remote(JsonNode dashboard, String folderUid, int version) {
    }

    /** Grafana's answer to a save: the dashboard's uid, its URL path, its new version and status. */
    public record Saved(String uid, String url, int version, String status) {
    }

    /**
     * @param token a service account or API token; null or blank sends no {@code Authorization} header
     */
    public GrafanaClient(String baseUrl, String token, Duration timeout) {
        this.base = HttpClients.baseUrl(baseUrl, "--grafana");
        this.token = token == null || token.isBlank() ? null : token.strip();
        this.http = HttpClients.withTimeout(timeout);
    }

    /** The dashboard with this uid, or empty when Grafana has none (404). */
    public Optional<Remote> dashboard(String uid) {
        HttpUrl url = url("api", "dashboards", "uid", uid);
        Request request = request(url).get().build();
        try (Response response = http.newCall(request).execute()) {
            String body = response.body().string();
            if (response.code() == 404) {
                return Optional.empty();
            }
            if (!response.isSuccessful()) {
                throw refusal("GET", response, body, uid);
            }
            JsonNode root = parse("GET", url, body);
            JsonNode meta = root.path("meta");
            return Optional.of(new Remote(root.path("dashboard"), meta.path("folderUid").asText(""),
                    root.path("dashboard").path("version").asInt(meta.path("version").asInt(0))));
        } catch (IOException e) {
            throw HttpClients.unreachable("GET", url, e);
        }
    }

    /**
     * Creates or updates a dashboard. {@code folderUid} is always sent (Grafana moves a dashboard whose save omits it
     * to the root); {@code ""} is the root folder.
     */
    public Saved save(JsonNode dashboard, String folderUid, String message) {
        HttpUrl url = url("api", "dashboards", "db");
        ObjectNode payload = Json.mapper().createObjectNode();
        payload.set("dashboard", dashboard);
        payload.put("folderUid", folderUid == null ? "" : folderUid);
        payload.put("message", message);
        payload.put("overwrite", false);
        Request request;
        try {
            request = request(url).post(RequestBody.create(Json.mapper().writeValueAsBytes(payload), JSON)).build();
        } catch (IOException e) {
            throw P21monException.failed("cannot encode dashboard " + dashboard.path("uid").asText(), e);
        }
        String uid = dashboard.path("uid").asText();
        try (Response response = http.newCall(request).execute()) {
            String body = response.body().string();
            if (!response.isSuccessful()) {
                throw refusal("POST", response, body, uid);
            }
            JsonNode root = parse("POST", url, body);
            return new Saved(root.path("uid").asText(uid), root.path("url").asText(""), root.path("version").asInt(),
                    root.path("status").asText("success"));
        } catch (IOException e) {
            throw HttpClients.unreachable("POST", url, e);
        }
    }

    private Request.Builder request(HttpUrl url) {
        Request.Builder b = new Request.Builder().url(url).header("Accept", "application/json");
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return b;
    }

    private HttpUrl url(String... segments) {
        HttpUrl.Builder b = base.newBuilder();
        // a base URL ending in '/' leaves an empty last segment: replace it rather than append after it
        if (!base.pathSegments().isEmpty() && base.pathSegments().get(base.pathSegments().size() - 1).isEmpty()) {
            b.removePathSegment(base.pathSegments().size() - 1);
        }
        for (String s : segments) {
            b.addPathSegment(s);
        }
        return b.build();
    }

    private static JsonNode parse(String method, HttpUrl url, String body) {
        try {
            JsonNode root = Json.mapper().readTree(body);
            if (root == null || !root.isObject()) {
                throw new IOException("not a JSON object");
            }
            return root;
        } catch (IOException e) {
            throw P21monException.failed(method + " " + HttpClients.redact(url) + ": the answer is not Grafana API JSON: "
                    + (body.length() > 120 ? body.substring(0, 120) + "…" : body));
        }
    }

    private P21monException refusal(String method, Response response, String body, String uid) {
        String where = method + " " + HttpClients.redact(response.request().url());
        JsonNode root;
        try {
            root = Json.mapper().readTree(body);
        } catch (IOException e) {
            root = null;
        }
        String message = root == null ? "" : root.path("message").asText("");
        String status = root == null ? "" : root.path("status").asText("");
        return switch (response.code()) {
            case 401 -> P21monException.failed(where + ": HTTP 401 Unauthorized: Grafana did not accept the token; "
                    + "set GRAFANA_TOKEN to a service account token" + (token == null ? " (it is not set)" : ""));
            case 403 -> P21monException.failed(where + ": HTTP 403 Forbidden: the token may not "
                    + (method.equals("GET") ? "read" : "write") + " dashboard " + uid
                    + " (give its service account the Editor role, or rights on the folder)"
                    + (message.isEmpty() ? "" : ": " + message));
            case 412 -> switch (status) {
                case "version-mismatch" -> P21monException.failed(where + ": dashboard " + uid + " was changed in "
                        + "Grafana while it was being pushed (412 version-mismatch); push again");
                case "name-exists" -> P21monException.failed(where + ": another dashboard in that folder already has "
                        + "the title of " + uid + " (412 name-exists); rename or move it in Grafana, or push to "
                        + "another folder with --folder");
                case "plugin-dashboard" -> P21monException.failed(where + ": dashboard " + uid + " belongs to a "
                        + "plugin (412 plugin-dashboard); Grafana does not let it be overwritten: remove the plugin's "
                        + "dashboard or change the uid" + (message.isEmpty() ? "" : ": " + message));
                default -> HttpClients.badStatus(method, response, body);
            };
            default -> HttpClients.badStatus(method, response, body);
        };
    }
}
