package io.perfect21.p21mon.health.checks;

import io.perfect21.p21mon.IoErrors;
import io.perfect21.p21mon.config.CheckConfig;
import io.perfect21.p21mon.health.CheckOptions;
import io.perfect21.p21mon.health.ConfiguredCheck;
import io.perfect21.p21mon.health.HealthCheckResult;
import io.perfect21.p21mon.health.HealthContext;
import io.perfect21.p21mon.health.HealthStatus;
import io.perfect21.p21mon.health.Perfdata;
import io.perfect21.p21mon.health.Thresholds;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code tcp}: connects to {@code host}:{@code port}. Healthy when the connection is made; {@code warning} and
 * {@code critical} ranges apply to the connect time in milliseconds; {@code connect_timeout} bounds the attempt
 * (default: the check's timeout). Refused or timed out is unhealthy; a host name that does not resolve is unknown.
 */
public final class TcpCheck extends ConfiguredCheck {
    private final String host;
    private final int port;
    private final Thresholds thresholds;
    private final Duration connectTimeout;

    public TcpCheck(CheckConfig config, HealthContext context) {
        super(config);
        CheckOptions o = CheckOptions.of(config, java.util.List.of("host", "port"), "connect_timeout");
        this.host = o.requiredString("host");
        this.port = o.requiredInt("port");
        if (port < 1 || port > 65535) {
            throw o.error("port", "must be from 1 to 65535, got " + port);
        }
        this.thresholds = o.thresholds();
        this.connectTimeout = o.duration("connect_timeout",
                config.timeout() != null ? config.timeout() : context.config().health().timeout());
    }

    @Override
    public HealthCheckResult check() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("host", host);
        details.put("port", port);
        long t0 = System.nanoTime();
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), (int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis()));
            double ms = (System.nanoTime() - t0) / 1e6;
            details.put("connect_ms", Math.round(ms * 100) / 100.0);
            HealthStatus status = thresholds.status(ms);
            return result(status, String.format(java.util.Locale.ROOT, "connected to %s:%d in %.1f ms", host, port, ms),
                    details, List.of(Perfdata.of("time", Math.round(ms * 100) / 100.0, "ms", thresholds, 0.0, null)));
        } catch (UnknownHostException e) {
            // as check_tcp: a name that does not resolve is a configuration problem (UNKNOWN), not an outage
            return result(HealthStatus.UNKNOWN, "unknown host " + host, details, List.of());
        } catch (SocketTimeoutException e) {
            return result(HealthStatus.UNHEALTHY, "connect to " + host + ":" + port + " timed out after "
                    + io.perfect21.p21mon.config.Durations.format(connectTimeout), details, List.of());
        } catch (IOException e) {
            return result(HealthStatus.UNHEALTHY, "cannot connect to " + host + ":" + port + ": " + IoErrors.describe(port, e),
                    details, List.of());
        }
    }
}
