package io.perfect21.p21mon.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Alertmanager's v2 API: post alerts ({@code POST /api/v2/alerts}), list them ({@code GET /api/v2/alerts?filter=}),
 * add, list and expire silences ({@code /api/v2/silences}, {@code DELETE /api/v2/silence/{id}}). Errors name the
 * method and URL (no credentials) and the server's own error text.
 *
 * <pre>{@code
 * AlertmanagerClient am = new AlertmanagerClient("http://localhost:9093", Duration.ofSeconds(30));
 * List<AlertmanagerClient.GettableAlert> firing = am.alerts(List.of(LabelMatcher.parse("severity=critical")), false, false);
 * }</pre>
 */
public final class AlertmanagerClient {
    private static final MediaType JSON = MediaType.get("application/json");

    /** A label matcher as amtool writes it: {@code name=value}, {@code name!=value}, {@code name=~re}, {@code name!~re}. */
    public record LabelMatcher(String name, String value, boolean isRegex, boolean isEqual) {
        private static final Pattern SYNTAX = Pattern.compile("^\\s*([a-zA-Z_][a-zA-Z0-9_]*)\\s*(=~|!~|!=|=)\\s*(.*?)\\s*$");

        /**
         * Parses {@code name=value}; the value may be double-quoted.
         *
         * @throws P21monException (usage) when it is not a matcher
         */
        public static LabelMatcher parse(String text) {
            Matcher m = SYNTAX.matcher(text);
            if (!m.matches()) {
                throw P21monException.usage("'" + text + "' is not a label matcher (name=value, name!=value, "
                        + "name=~regex, name!~regex)");
            }
            String value = m.group(3);
            if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                value = value.substring(1, value.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
            }
            String op = m.group(2);
            if (op.endsWith("~")) {
                try {
                    Pattern.compile(value);
                } catch (java.util.regex.PatternSyntaxException e) {
                    throw P21monException.usage("'" + text + "': not a regular expression: " + e.getDescription());
                }
            }
            return new LabelMatcher(m.group(1), value, op.endsWith("~"), !op.startsWith("!"));
        }

        /** Whether a label set satisfies the matcher (a missing label is the empty string, as in Alertmanager). */
        public boolean matches(Map<String, String> labels) {
            String v = labels.getOrDefault(name, "");
            boolean hit = isRegex ? Pattern.compile(value).matcher(v).matches() : value.equals(v);
            return hit == isEqual;
        }

        /** The matcher as Alertmanager's filter parameter takes it: {@code name="value"}. */
        public String filter() {
            String op = isEqual ? (isRegex ? "=~" : "=") : (isRegex ? "!~" : "!=");
            return name + op + "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        }

        @Override
        public String toString() {
            return filter();
        }
    }

    /** An alert to post: labels (with {@code alertname}), annotations, start and end (null: the server's default). */
    public record PostableAlert(Map<String, String> labels, Map<String, String> annotations, Instant startsAt,
                                Instant endsAt, String generatorUrl) {
    }

    /** An alert as Alertmanager holds it: its state ({@code active}, {@code suppressed}) and what silences it. */
    public record GettableAlert(String fingerprint, Map<String, String> labels, Map<String, String> annotations,
                                Instant startsAt, Instant endsAt, String state, List<String> silencedBy,
                                List<String> inhibitedBy, List<String> receivers) {
    }

    /** A silence: its id, matchers, time window, author, comment and state ({@code active}, {@code expired}, …). */
    public record Silence(String id, List<LabelMatcher> matchers, Instant startsAt, Instant endsAt, String createdBy,
                          String comment, String state) {
    }

    private final HttpUrl base;
    private final OkHttpClient http;

    public AlertmanagerClient(String baseUrl, Duration timeout) {
        this.base = HttpClients.baseUrl(baseUrl, "--alertmanager");
        this.http = HttpClients.withTimeout(timeout);
    }

    /** The base URL as it may be shown. */
    public String url() {
        return HttpClients.redact(base);
    }

    /** The URL of an API path under the base URL, as it may be shown ({@code http://am:9093/api/v2/alerts}). */
    public String url(String path) {
        return HttpClients.redact(endpoint(path).build());
    }

    /** Posts alerts ({@code POST /api/v2/alerts}). */
    public void post(List<PostableAlert> alerts) {
        call("POST", endpoint("api/v2/alerts").build(), RequestBody.create(postBody(alerts), JSON));
    }

    /** The JSON body {@link #post} sends. */
    public static byte[] postBody(List<PostableAlert> alerts) {
        ArrayNode array = Json.mapper().createArrayNode();
        for (PostableAlert a : alerts) {
            ObjectNode o = array.addObject();
            o.set("labels", Json.mapper().valueToTree(new TreeMap<>(a.labels())));
            o.set("annotations", Json.mapper().valueToTree(new TreeMap<>(a.annotations())));
            if (a.startsAt() != null) {
                o.put("startsAt", a.startsAt().toString());
            }
            if (a.endsAt() != null) {
                o.put("endsAt", a.endsAt().toString());
            }
            if (a.generatorUrl() != null && !a.generatorUrl().isBlank()) {
                o.put("generatorURL", a.generatorUrl());
            }
        }
        try {
            return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(array);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The alerts matching every matcher; silenced and inhibited ones only when asked for. */
    public List<GettableAlert> alerts(List<LabelMatcher> matchers, boolean silenced, boolean inhibited) {
        HttpUrl.Builder url = endpoint("api/v2/alerts")
                .addQueryParameter("silenced", Boolean.toString(silenced))
                .addQueryParameter("inhibited", Boolean.toString(inhibited))
                .addQueryParameter("active", "true");
        matchers.forEach(m -> url.addQueryParameter("filter", m.filter()));
        JsonNode root = call("GET", url.build(), null);
        List<GettableAlert> out = new ArrayList<>();
        for (JsonNode a : array(root, url.build())) {
            JsonNode status = a.path("status");
            List<String> receivers = new ArrayList<>();
            a.path("receivers").forEach(r -> receivers.add(r.path("name").asText()));
            out.add(new GettableAlert(a.path("fingerprint").asText(), strings(a.path("labels")),
                    strings(a.path("annotations")), instant(a.path("startsAt")), instant(a.path("endsAt")),
                    status.path("state").asText(), texts(status.path("silencedBy")), texts(status.path("inhibitedBy")),
                    receivers));
        }
        out.sort(java.util.Comparator.comparing(GettableAlert::startsAt, java.util.Comparator.nullsLast(
                java.util.Comparator.naturalOrder())).thenComparing(GettableAlert::fingerprint));
        return out;
    }

    /** Creates a silence; returns its id. */
    public String addSilence(List<LabelMatcher> matchers, Instant startsAt, Instant endsAt, String createdBy,
                             String comment) {
        ObjectNode body = Json.mapper().createObjectNode();
        ArrayNode ms = body.putArray("matchers");
        matchers.forEach(m -> ms.addObject().put("name", m.name()).put("value", m.value()).put("isRegex", m.isRegex())
                .put("isEqual", m.isEqual()));
        body.put("startsAt", startsAt.toString());
        body.put("endsAt", endsAt.toString());
        body.put("createdBy", createdBy);
        body.put("comment", comment);
        HttpUrl url = endpoint("api/v2/silences").build();
        JsonNode root = call("POST", url, RequestBody.create(body.toString(), JSON));
        String id = root == null ? "" : root.path("silenceID").asText("");
        if (id.isEmpty()) {
            throw P21monException.failed("POST " + HttpClients.redact(url) + ": the answer has no silenceID");
        }
        return id;
    }

    /** The silences matching every matcher, newest first; expired ones only when asked for. */
    public List<Silence> silences(List<LabelMatcher> matchers, boolean expired) {
        HttpUrl.Builder url = endpoint("api/v2/silences");
        matchers.forEach(m -> url.addQueryParameter("filter", m.filter()));
        JsonNode root = call("GET", url.build(), null);
        List<Silence> out = new ArrayList<>();
        for (JsonNode s : array(root, url.build())) {
            List<LabelMatcher> ms = new ArrayList<>();
            s.path("matchers").forEach(m -> ms.add(new LabelMatcher(m.path("name").asText(), m.path("value").asText(),
                    m.path("isRegex").asBoolean(), m.path("isEqual").asBoolean(true))));
            String state = s.path("status").path("state").asText();
            if (expired || !"expired".equals(state)) {
                out.add(new Silence(s.path("id").asText(), ms, instant(s.path("startsAt")), instant(s.path("endsAt")),
                        s.path("createdBy").asText(), s.path("comment").asText(), state));
            }
        }
        out.sort(java.util.Comparator.comparing(Silence::startsAt, java.util.Comparator.nullsLast(
                java.util.Comparator.<Instant>naturalOrder())).reversed());
        return out;
    }

    /** Expires a silence ({@code DELETE /api/v2/silence/{id}}). */
    public void expireSilence(String id) {
        call("DELETE", endpoint("api/v2/silence").addPathSegment(id).build(), null);
    }

    private HttpUrl.Builder endpoint(String path) {
        List<String> segments = new ArrayList<>(base.pathSegments());
        segments.removeIf(String::isEmpty);
        HttpUrl.Builder b = base.newBuilder().encodedPath("/");
        segments.forEach(b::addPathSegment);
        for (String s : path.split("/")) {
            b.addPathSegment(s);
        }
        return b;
    }

    private JsonNode call(String method, HttpUrl url, RequestBody body) {
        Request request = new Request.Builder().url(url).header("Accept", "application/json")
                .method(method, body).build();
        try (Response response = http.newCall(request).execute()) {
            String text = response.body().string();
            if (!response.isSuccessful()) {
                throw HttpClients.badStatus(method, response, errorText(text));
            }
            if (text.isBlank()) {
                return null;
            }
            try {
                return Json.mapper().readTree(text);
            } catch (IOException e) {
                throw P21monException.failed(method + " " + HttpClients.redact(url) + ": the answer is not JSON "
                        + "(is this an Alertmanager?)", e);
            }
        } catch (IOException e) {
            throw HttpClients.unreachable(method, url, e);
        }
    }

    /** Alertmanager words errors as a JSON string or {@code {"message": …}}; plain text otherwise. */
    private static String errorText(String body) {
        try {
            JsonNode n = Json.mapper().readTree(body);
            if (n != null && n.isTextual()) {
                return n.asText();
            }
            if (n != null && n.has("message")) {
                return n.path("message").asText();
            }
        } catch (IOException e) {
            // not JSON: the text itself
        }
        return body;
    }

    private static Iterable<JsonNode> array(JsonNode root, HttpUrl url) {
        if (root == null || !root.isArray()) {
            throw P21monException.failed("GET " + HttpClients.redact(url) + ": expected a JSON array (is this "
                    + "Alertmanager's v2 API?)");
        }
        return root;
    }

    private static Map<String, String> strings(JsonNode obj) {
        Map<String, String> m = new TreeMap<>();
        obj.properties().forEach(e -> m.put(e.getKey(), e.getValue().asText()));
        return m;
    }

    private static List<String> texts(JsonNode arr) {
        List<String> l = new ArrayList<>();
        arr.forEach(n -> l.add(n.asText()));
        return l;
    }

    private static Instant instant(JsonNode n) {
        if (n == null || n.isMissingNode() || n.asText().isEmpty()) {
            return null;
        }
        try {
            return java.time.OffsetDateTime.parse(n.asText()).toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }
}
