package io.perfect21.p21mon.cli;

import io.perfect21.p21mon.client.AlertmanagerClient;
import picocli.CommandLine.Option;

/**
 * {@code --alertmanager URL}: the Alertmanager a command talks to; it wins over {@code alerting.alertmanager_url}
 * (default {@code http://localhost:9093}). Calls end within {@code alerting.notification_timeout}.
 */
public final class AlertmanagerOptions {
    @Option(names = "--alertmanager", paramLabel = "URL",
            description = "Alertmanager base URL. Default: alerting.alertmanager_url, else http://localhost:9093.")
    String url;

    /** Whether an Alertmanager is configured: {@code --alertmanager} given, or {@code alerting.alertmanager_url} set. */
    boolean configured(ConfigOptions config) {
        return url != null || config.config().alerting().alertmanagerConfigured();
    }

    AlertmanagerClient client(ConfigOptions config) {
        String base = url != null ? url : config.config().alerting().alertmanagerUrl();
        return new AlertmanagerClient(base, config.config().alerting().notificationTimeout());
    }
}
