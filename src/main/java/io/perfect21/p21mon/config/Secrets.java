package io.perfect21.p21mon.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What must never be printed, logged, traced or audited: passwords, tokens, and the credentials inside URLs (user
 * info, the token in a Slack, Discord, Teams or Telegram hook's path, a token-like path segment, a secret query
 * parameter). A URL keeps its scheme, host and port, so a reader can still see which server it names:
 * {@link #maskUrl(String)} is the one masking function for URLs, used by {@code config show}
 * ({@link #mask(JsonNode)}) and {@code alerts config}.
 */
public final class Secrets {
    /** What a masked value is replaced with. */
    public static final String MASK = "********";

    private static final List<String> SECRET_KEY_PARTS =
            List.of("password", "passwd", "token", "secret", "api_key", "apikey", "authorization", "webhook", "credential");
    /** A URL inside free text: scheme, then anything up to white space or a quote. */
    private static final Pattern URL_IN_TEXT = Pattern.compile("(?i)\\b[a-z][a-z0-9+.-]*://[^\\s'\"<>]+");
    /** scheme://, user info, host[:port], path, ?query, #fragment. */
    private static final Pattern URL_PARTS = Pattern.compile(
            "(?is)([a-z][a-z0-9+.-]*://)([^/?#]*@)?([^/?#]*)([^?#]*)(\\?[^#]*)?(#.*)?");
    /** A path segment that is a key rather than a name: long, and letters mixed with digits. */
    private static final Pattern TOKEN_SEGMENT = Pattern.compile("(?=[A-Za-z0-9_-]*[0-9])(?=[A-Za-z0-9_-]*[A-Za-z])[A-Za-z0-9_-]{16,}");
    private static final List<String> SECRET_QUERY_NAMES = List.of("key", "sig", "signature", "code", "auth", "access_token");

    private Secrets() {
    }

    /** Whether a key of that name holds a secret ({@code password}, {@code slack_webhook}, {@code api_key}, …). */
    public static boolean isSecretKey(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        return SECRET_KEY_PARTS.stream().anyMatch(k::contains);
    }

    /** Masks the credentials of every URL in the text ({@link #maskUrl(String)}). */
    public static String redactUrls(String text) {
        return text == null ? null : URL_IN_TEXT.matcher(text).replaceAll(m -> Matcher.quoteReplacement(maskUrl(m.group())));
    }

    /**
     * The URL with only its credentials masked: user info ({@code https://********@host/}), the token of a known hook
     * ({@code https://hooks.slack.com/services/********}, Discord's {@code /api/webhooks/********}, Teams'
     * {@code *.webhook.office.com}, Telegram's {@code /bot********}), any path segment that looks like a token (16 or
     * more letters mixed with digits), and the value of a secret query parameter ({@code ?token=********}). Scheme,
     * host, port and the rest of the path stay: {@code http://alertmanager:9093/} is shown as it is. Text that is not
     * a URL is masked whole.
     */
    public static String maskUrl(String url) {
        if (url == null) {
            return null;
        }
        Matcher m = URL_PARTS.matcher(url.strip());
        if (!m.matches()) {
            return MASK;
        }
        String host = m.group(3);
        String hostName = host.replaceFirst(":\\d*$", "").toLowerCase(Locale.ROOT);
        String path = m.group(4);
        StringBuilder sb = new StringBuilder(m.group(1));
        if (m.group(2) != null) {
            sb.append(MASK).append('@');
        }
        sb.append(host).append(maskPath(hostName, path));
        if (m.group(5) != null) {
            sb.append(maskQuery(m.group(5)));
        }
        if (m.group(6) != null) {
            sb.append(m.group(6));
        }
        return sb.toString();
    }

    private static String maskPath(String host, String path) {
        String known = knownHookPrefix(host, path);
        if (known != null) {
            return path.length() > known.length() ? known + MASK : path;
        }
        if (host.equals("api.telegram.org")) {
            path = path.replaceFirst("^/bot[^/]+", "/bot" + MASK);
        }
        List<String> segments = new java.util.ArrayList<>();
        for (String segment : path.split("/", -1)) {
            segments.add(TOKEN_SEGMENT.matcher(segment).matches() ? MASK : segment);
        }
        return String.join("/", segments);
    }

    /** The part of a known hook URL's path before its secret, or null. */
    private static String knownHookPrefix(String host, String path) {
        if (host.equals("hooks.slack.com") && path.startsWith("/services/")) {
            return "/services/";
        }
        if (host.equals("hooks.slack.com") && path.startsWith("/workflows/")) {
            return "/workflows/";
        }
        if ((host.equals("discord.com") || host.equals("discordapp.com")) && path.startsWith("/api/webhooks/")) {
            return "/api/webhooks/";
        }
        if (host.endsWith(".webhook.office.com") || host.endsWith(".logic.azure.com")) {
            int second = path.indexOf('/', 1);
            return second < 0 ? "/" : path.substring(0, second + 1);
        }
        return null;
    }

    private static String maskQuery(String query) {
        StringBuilder sb = new StringBuilder("?");
        String[] params = query.substring(1).split("&", -1);
        for (int i = 0; i < params.length; i++) {
            if (i > 0) {
                sb.append('&');
            }
            int eq = params[i].indexOf('=');
            String name = eq < 0 ? params[i] : params[i].substring(0, eq);
            String lower = name.toLowerCase(Locale.ROOT);
            boolean secret = eq >= 0 && (isSecretKey(lower) || SECRET_QUERY_NAMES.contains(lower) || lower.endsWith("key"));
            sb.append(secret ? name + "=" + MASK : params[i]);
        }
        return sb.toString();
    }

    /** A secret-named key's value: a URL keeps its server ({@link #maskUrl}), anything else is masked whole. */
    private static String maskSecretValue(String value) {
        return URL_PARTS.matcher(value.strip()).matches() ? maskUrl(value) : MASK;
    }

    /** Masks, in place, every secret-named value and every URL's credentials in the tree; returns it. */
    public static JsonNode mask(JsonNode node) {
        if (node instanceof ObjectNode obj) {
            for (Map.Entry<String, JsonNode> e : obj.properties()) {
                JsonNode v = e.getValue();
                if (isSecretKey(e.getKey())) {
                    maskAllValues(v);
                    if (v.isValueNode() && !v.isNull()) {
                        e.setValue(TextNode.valueOf(v.isTextual() ? maskSecretValue(v.asText()) : MASK));
                    }
                } else if (v.isTextual()) {
                    e.setValue(TextNode.valueOf(redactUrls(v.asText())));
                } else {
                    mask(v);
                }
            }
        } else if (node instanceof ArrayNode arr) {
            for (int i = 0; i < arr.size(); i++) {
                if (arr.get(i).isTextual()) {
                    arr.set(i, TextNode.valueOf(redactUrls(arr.get(i).asText())));
                } else {
                    mask(arr.get(i));
                }
            }
        }
        return node;
    }

    private static void maskAllValues(JsonNode node) {
        if (node instanceof ObjectNode obj) {
            obj.properties().forEach(e -> {
                if (e.getValue().isContainerNode()) {
                    maskAllValues(e.getValue());
                } else if (!e.getValue().isNull()) {
                    e.setValue(TextNode.valueOf(e.getValue().isTextual() ? maskSecretValue(e.getValue().asText()) : MASK));
                }
            });
        } else if (node instanceof ArrayNode arr) {
            for (int i = 0; i < arr.size(); i++) {
                if (arr.get(i).isContainerNode()) {
                    maskAllValues(arr.get(i));
                } else {
                    arr.set(i, TextNode.valueOf(arr.get(i).isTextual() ? maskSecretValue(arr.get(i).asText()) : MASK));
                }
            }
        }
    }
}
