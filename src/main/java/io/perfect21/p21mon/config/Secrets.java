package io.perfect21.p21mon.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What must never be printed, logged, traced or audited: passwords, tokens, webhook URLs (their path is the secret),
 * and credentials inside URLs. {@link #mask(JsonNode)} blanks them in a tree before it is shown.
 */
public final class Secrets {
    /** What a masked value is replaced with. */
    public static final String MASK = "********";

    private static final List<String> SECRET_KEY_PARTS =
            List.of("password", "passwd", "token", "secret", "api_key", "apikey", "authorization", "webhook", "credential");
    private static final Pattern URL_USERINFO = Pattern.compile("(?i)\\b([a-z][a-z0-9+.-]*://)[^/@\\s]+@");

    private Secrets() {
    }

    /** Whether a key of that name holds a secret ({@code password}, {@code slack_webhook}, {@code api_key}, …). */
    public static boolean isSecretKey(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        return SECRET_KEY_PARTS.stream().anyMatch(k::contains);
    }

    /** Removes {@code user:password@} from every URL in the text. */
    public static String redactUrls(String text) {
        return text == null ? null : URL_USERINFO.matcher(text).replaceAll("$1" + MASK + "@");
    }

    /** Masks, in place, every secret-named value and every URL's credentials in the tree; returns it. */
    public static JsonNode mask(JsonNode node) {
        if (node instanceof ObjectNode obj) {
            for (Map.Entry<String, JsonNode> e : obj.properties()) {
                JsonNode v = e.getValue();
                if (isSecretKey(e.getKey())) {
                    maskAllValues(v);
                    if (v.isValueNode() && !v.isNull()) {
                        e.setValue(TextNode.valueOf(MASK));
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
                    e.setValue(TextNode.valueOf(MASK));
                }
            });
        } else if (node instanceof ArrayNode arr) {
            for (int i = 0; i < arr.size(); i++) {
                if (arr.get(i).isContainerNode()) {
                    maskAllValues(arr.get(i));
                } else {
                    arr.set(i, TextNode.valueOf(MASK));
                }
            }
        }
    }
}
