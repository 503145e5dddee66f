package io.perfect21.p21mon.alerts;

import io.perfect21.p21mon.client.AlertmanagerClient;

import java.util.List;

/** {@code alerts list}: the alerts an Alertmanager holds, and which Alertmanager answered. */
public record AlertList(String alertmanager, List<AlertmanagerClient.GettableAlert> alerts) {
    public AlertList {
        alerts = List.copyOf(alerts);
    }
}
