package io.perfect21.p21mon.health.checks;

import io.perfect21.p21mon.config.CheckConfig;
import io.perfect21.p21mon.config.Secrets;
import io.perfect21.p21mon.health.CheckOptions;
import io.perfect21.p21mon.health.ConfiguredCheck;
import io.perfect21.p21mon.health.HealthCheckResult;
import io.perfect21.p21mon.health.HealthContext;
import io.perfect21.p21mon.health.HealthStatus;
import io.perfect21.p21mon.health.Perfdata;
import io.perfect21.p21mon.health.Thresholds;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * {@code database}: connects to the JDBC {@code url} (SQLite and PostgreSQL drivers are bundled) as {@code username}
 * with {@code password} (write {@code "${DB_PASSWORD}"}: it is never printed), runs {@code query} (default
 * {@code SELECT 1}) and reports the latency and the server's version. Unhealthy when it cannot connect or the query
 * fails, or the latency exceeds {@code max_latency_ms}; {@code warning}/{@code critical} apply to the latency in ms.
 * A SQLite file must already exist (the driver would otherwise create an empty one).
 */
public final class DatabaseCheck extends ConfiguredCheck {
    private static final Pattern URL_PASSWORD = Pattern.compile("(?i)([?&;:]password=)[^&;]*");

    private final String url;
    private final String username;
    private final String password;
    private final String query;
    private final Integer maxLatencyMs;
    private final Thresholds thresholds;
    private final Duration timeout;
    private final Path workDir;
    private final String connectUrl;

    public DatabaseCheck(CheckConfig config, HealthContext context) {
        super(config);
        CheckOptions o = CheckOptions.of(config, java.util.List.of("url"), "username", "password", "query",
                "max_latency_ms");
        this.url = o.requiredString("url");
        if (!url.startsWith("jdbc:")) {
            throw o.error("url", "'" + redact(url) + "' is not a JDBC URL (jdbc:postgresql://host:5432/db, jdbc:sqlite:/path/file.db)");
        }
        this.username = o.string("username", null);
        this.password = o.string("password", null);
        this.query = o.string("query", "SELECT 1");
        this.maxLatencyMs = o.optionalInt("max_latency_ms");
        this.thresholds = o.thresholds();
        this.timeout = config.timeout() != null ? config.timeout() : context.config().health().timeout();
        this.workDir = context.workDir();
        this.connectUrl = absoluteSqlite(url, workDir);
    }

    /** A relative SQLite file is relative to the working directory p21mon was given, not the JVM's. */
    private static String absoluteSqlite(String url, Path workDir) {
        String file = sqliteFile(url);
        if (file == null || Path.of(file).isAbsolute()) {
            return url;
        }
        String rest = url.substring("jdbc:sqlite:".length());
        String prefix = rest.startsWith("file:") ? "file:" : "";
        return "jdbc:sqlite:" + prefix + workDir.resolve(file) + rest.substring(prefix.length() + file.length());
    }

    /** The file of a {@code jdbc:sqlite:} URL, or null for another driver or an in-memory database. */
    private static String sqliteFile(String url) {
        if (!url.startsWith("jdbc:sqlite:")) {
            return null;
        }
        String rest = url.substring("jdbc:sqlite:".length());
        int q = rest.indexOf('?');
        String file = q < 0 ? rest : rest.substring(0, q);
        if (file.isEmpty() || file.equals(":memory:") || file.startsWith("file::memory:") || file.startsWith(":resource:")) {
            return null;
        }
        return file.startsWith("file:") ? file.substring(5) : file;
    }

    /** The URL as it may be shown: no {@code user:password@}, no {@code password=} parameter. */
    public static String redact(String jdbcUrl) {
        String s = Secrets.redactUrls(jdbcUrl);
        return URL_PASSWORD.matcher(s).replaceAll("$1" + Secrets.MASK);
    }

    @Override
    public HealthCheckResult check() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("url", redact(url));
        String sqliteProblem = sqliteFileProblem();
        if (sqliteProblem != null) {
            return result(HealthStatus.UNHEALTHY, sqliteProblem, details, List.of());
        }
        try {
            DriverManager.getDriver(connectUrl);
        } catch (SQLException e) {
            return result(HealthStatus.UNKNOWN, "no JDBC driver for " + redact(url)
                    + " (bundled: jdbc:postgresql:, jdbc:sqlite:)", details, List.of());
        }
        int seconds = (int) Math.max(1, Math.min(Integer.MAX_VALUE, (timeout.toMillis() + 999) / 1000));
        Properties props = new Properties();
        if (username != null) {
            props.setProperty("user", username);
        }
        if (password != null) {
            props.setProperty("password", password);
        }
        if (url.startsWith("jdbc:postgresql:")) {
            props.setProperty("connectTimeout", String.valueOf(seconds));
            props.setProperty("loginTimeout", String.valueOf(seconds));
            props.setProperty("socketTimeout", String.valueOf(seconds));
            props.setProperty("ApplicationName", "p21mon health");
        }
        DriverManager.setLoginTimeout(seconds);
        long t0 = System.nanoTime();
        try (Connection c = DriverManager.getConnection(connectUrl, props)) {
            double connectMs = (System.nanoTime() - t0) / 1e6;
            long q0 = System.nanoTime();
            try (Statement st = c.createStatement()) {
                st.setQueryTimeout(seconds);
                try (ResultSet rs = st.executeQuery(query)) {
                    rs.next();
                }
            }
            double queryMs = (System.nanoTime() - q0) / 1e6;
            double totalMs = (System.nanoTime() - t0) / 1e6;
            DatabaseMetaData md = c.getMetaData();
            String version = md.getDatabaseProductName() + " " + md.getDatabaseProductVersion();
            details.put("server_version", version);
            details.put("connect_ms", round(connectMs));
            details.put("query_ms", round(queryMs));
            details.put("latency_ms", round(totalMs));
            HealthStatus status = thresholds.status(totalMs);
            String message = String.format(Locale.ROOT, "%s: connected and queried in %.1f ms", version, totalMs);
            if (maxLatencyMs != null && totalMs > maxLatencyMs) {
                status = HealthStatus.UNHEALTHY;
                message = String.format(Locale.ROOT, "latency %.0f ms above %d ms (%s)", totalMs, maxLatencyMs, version);
            }
            return result(status, message, details, List.of(
                    Perfdata.of("time", round(totalMs), "ms", thresholds, 0.0, null),
                    Perfdata.of("connect_time", round(connectMs), "ms")));
        } catch (SQLException e) {
            boolean unknownHost = e.getCause() instanceof java.net.UnknownHostException;
            return result(unknownHost ? HealthStatus.UNKNOWN : HealthStatus.UNHEALTHY, scrub(describe(e)), details, List.of());
        }
    }

    private String sqliteFileProblem() {
        String file = sqliteFile(url);
        if (file == null) {
            return null;
        }
        Path p = workDir.resolve(file);
        return Files.isRegularFile(p) ? null : "no SQLite database file at " + p;
    }

    private static String describe(SQLException e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        Throwable cause = e.getCause();
        if (cause instanceof java.net.ConnectException || cause instanceof java.net.SocketTimeoutException) {
            m = m + " (" + cause.getMessage() + ")";
        }
        int nl = m.indexOf('\n');
        return "cannot query the database: " + (nl < 0 ? m : m.substring(0, nl)).strip();
    }

    /** Removes the password (and the URL's secrets) from a driver's message, whatever the driver put in it. */
    private String scrub(String message) {
        String m = message.replace(connectUrl, redact(url)).replace(url, redact(url));
        if (password != null && !password.isEmpty()) {
            m = m.replace(password, Secrets.MASK);
        }
        return Secrets.redactUrls(m);
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
