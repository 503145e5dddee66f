package io.perfect21.p21mon.metrics;

import io.perfect21.p21mon.IoErrors;
import com.fasterxml.jackson.databind.JsonNode;
import io.perfect21.p21mon.Json;
import io.perfect21.p21mon.P21monException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The exporter-toolkit web configuration ({@code --web.config.file}), as node_exporter and Prometheus read it:
 * <pre>
 * tls_server_config:
 *   cert_file: server.crt        # PEM, the certificate then its chain
 *   key_file: server.key         # PEM: PKCS#8 (RSA, EC, Ed25519), PKCS#1 RSA or SEC1 EC; not encrypted
 *   min_version: TLS12           # optional: TLS12 or TLS13
 * basic_auth_users:
 *   prometheus: $2y$10$...       # bcrypt hashes ($2a$, $2b$, $2y$), e.g. from htpasswd -nBC 10 "" | tr -d ':'
 * </pre>
 * Relative file names are relative to the web config file. Keys this implementation does not support are errors,
 * never silently ignored (a dropped {@code client_auth_type} would open the door).
 *
 * @param tls           null without {@code tls_server_config}
 * @param basicAuthUsers user name to bcrypt hash; empty without basic auth
 */
public record WebConfig(Tls tls, Map<String, String> basicAuthUsers) {
    /** {@code tls_server_config}: absolute paths, and the lowest and highest TLS versions allowed. */
    public record Tls(Path certFile, Path keyFile, String minVersion, String maxVersion) {
    }

    private static final Set<String> TOP = Set.of("tls_server_config", "basic_auth_users");
    private static final Set<String> TLS_KEYS = Set.of("cert_file", "key_file", "min_version", "max_version",
            "client_auth_type");
    private static final Map<String, String> VERSIONS = Map.of("TLS12", "TLSv1.2", "TLS13", "TLSv1.3");

    public WebConfig {
        basicAuthUsers = Map.copyOf(basicAuthUsers);
    }

    /** No TLS, no authentication. */
    public static WebConfig none() {
        return new WebConfig(null, Map.of());
    }

    /** Reads and checks the file; every problem names the file and the key. */
    public static WebConfig load(Path file) {
        JsonNode root;
        try {
            root = Json.yaml().readTree(Files.readString(file));
        } catch (NoSuchFileException e) {
            throw P21monException.usage("--web.config.file: " + file + ": no such file");
        } catch (IOException e) {
            throw P21monException.usage("--web.config.file: " + file + ": " + firstLine(IoErrors.describe(e)));
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return none();
        }
        if (!root.isObject()) {
            throw bad(file, "the file must be a YAML mapping");
        }
        checkKeys(file, "", root, TOP);
        Tls tls = null;
        JsonNode t = root.get("tls_server_config");
        if (t != null && !t.isNull()) {
            if (!t.isObject()) {
                throw bad(file, "tls_server_config must be a mapping");
            }
            checkKeys(file, "tls_server_config.", t, TLS_KEYS);
            String auth = text(file, t, "client_auth_type", "NoClientCert");
            if (!auth.equals("NoClientCert")) {
                throw bad(file, "tls_server_config.client_auth_type: only NoClientCert is supported, got " + auth);
            }
            Path dir = file.toAbsolutePath().getParent();
            Path cert = dir.resolve(required(file, t, "cert_file"));
            Path key = dir.resolve(required(file, t, "key_file"));
            tls = new Tls(cert, key, version(file, t, "min_version"), version(file, t, "max_version"));
        }
        Map<String, String> users = new LinkedHashMap<>();
        JsonNode u = root.get("basic_auth_users");
        if (u != null && !u.isNull()) {
            if (!u.isObject()) {
                throw bad(file, "basic_auth_users must be a mapping of user name to bcrypt hash");
            }
            u.properties().forEach(e -> {
                String hash = e.getValue().asText("");
                if (!hash.matches("\\$2[aby]\\$\\d\\d\\$[./A-Za-z0-9]{53}")) {
                    throw bad(file, "basic_auth_users." + e.getKey() + ": not a bcrypt hash ($2a$, $2b$ or $2y$)");
                }
                users.put(e.getKey(), hash);
            });
        }
        return new WebConfig(tls, users);
    }

    private static void checkKeys(Path file, String prefix, JsonNode node, Set<String> allowed) {
        node.fieldNames().forEachRemaining(k -> {
            if (!allowed.contains(k)) {
                throw bad(file, prefix + k + ": not supported; supported keys: "
                        + String.join(", ", allowed.stream().sorted().map(a -> prefix + a).toList()));
            }
        });
    }

    private static String required(Path file, JsonNode t, String key) {
        String v = text(file, t, key, null);
        if (v == null || v.isBlank()) {
            throw bad(file, "tls_server_config." + key + " is required");
        }
        return v;
    }

    private static String text(Path file, JsonNode t, String key, String fallback) {
        JsonNode v = t.get(key);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isValueNode()) {
            throw bad(file, "tls_server_config." + key + " must be a string");
        }
        return v.asText();
    }

    private static String version(Path file, JsonNode t, String key) {
        String v = text(file, t, key, null);
        if (v == null) {
            return null;
        }
        String jsse = VERSIONS.get(v);
        if (jsse == null) {
            throw bad(file, "tls_server_config." + key + ": " + v + " is not one of " + List.of("TLS12", "TLS13"));
        }
        return jsse;
    }

    private static P21monException bad(Path file, String what) {
        return P21monException.usage("--web.config.file: " + file + ": " + what);
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
