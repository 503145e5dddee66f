package io.perfect21.p21mon.metrics;

import at.favre.lib.crypto.bcrypt.BCrypt;
import com.sun.net.httpserver.BasicAuthenticator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * HTTP basic authentication against {@code basic_auth_users} bcrypt hashes. bcrypt is slow by design (~50 ms at cost
 * 10), so, like exporter-toolkit, a verified user/password/hash triple is remembered (as a SHA-256 digest, never the
 * password) and later scrapes with the same credentials cost a hash lookup. An unknown user is checked against a
 * dummy hash, so the answer takes as long as for a known one.
 */
public final class BcryptAuthenticator extends BasicAuthenticator {
    private static final int CACHE_LIMIT = 1024;

    private static final class Dummy {
        static final String HASH = BCrypt.withDefaults().hashToString(10, "p21mon".toCharArray());
    }

    private final Map<String, String> users;
    private final Set<String> verified = ConcurrentHashMap.newKeySet();

    public BcryptAuthenticator(String realm, Map<String, String> users) {
        super(realm, StandardCharsets.UTF_8);
        this.users = Map.copyOf(users);
    }

    @Override
    public boolean checkCredentials(String user, String password) {
        String hash = users.get(user);
        String key = digest(user + '\0' + password + '\0' + (hash == null ? "" : hash));
        if (hash != null && verified.contains(key)) {
            return true;
        }
        boolean ok = verify(password, hash == null ? Dummy.HASH : hash) && hash != null;
        if (ok) {
            if (verified.size() >= CACHE_LIMIT) {
                verified.clear();
            }
            verified.add(key);
        }
        return ok;
    }

    /** Whether the password matches the bcrypt hash ($2a$, $2b$ or $2y$). */
    public static boolean verify(String password, String hash) {
        try {
            return BCrypt.verifyer().verify(password.getBytes(StandardCharsets.UTF_8),
                    hash.getBytes(StandardCharsets.UTF_8)).verified;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String digest(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
