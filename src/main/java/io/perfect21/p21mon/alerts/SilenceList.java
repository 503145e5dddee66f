package io.perfect21.p21mon.alerts;

import io.perfect21.p21mon.client.AlertmanagerClient;

import java.util.List;

/** {@code alerts silence list}: an Alertmanager's silences, and which Alertmanager answered. */
public record SilenceList(String alertmanager, List<AlertmanagerClient.Silence> silences) {
    public SilenceList {
        silences = List.copyOf(silences);
    }
}
