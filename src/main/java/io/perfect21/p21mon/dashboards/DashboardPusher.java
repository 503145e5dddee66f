package io.perfect21.p21mon.dashboards;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.perfect21.p21mon.client.GrafanaClient;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Upserts dashboards into Grafana by uid ({@code dashboards push}): a dashboard Grafana has is updated at its current
 * version (so an edit made in between is a clear version-mismatch, not lost silently) and stays in its folder unless
 * a folder is given; a new one is created in the given folder or the root. {@link #diff} compares without writing.
 */
public final class DashboardPusher {
    private static final ObjectWriter SORTED = JsonMapper.builder().enable(JsonNodeFeature.WRITE_PROPERTIES_SORTED)
            .build().writerWithDefaultPrettyPrinter();

    private final GrafanaClient grafana;
    private final String grafanaUrl;

    public DashboardPusher(GrafanaClient grafana, String grafanaUrl) {
        this.grafana = grafana;
        this.grafanaUrl = grafanaUrl;
    }

    /**
     * Pushes every dashboard; stops at the first refusal (a {@code P21monException} naming the dashboard).
     *
     * @param folderUid the folder for every dashboard, or null: keep each existing one where it is, new ones at the root
     */
    public PushReport push(List<Dashboard> dashboards, String folderUid, String message) {
        List<PushReport.Entry> entries = new ArrayList<>();
        for (Dashboard d : dashboards) {
            Optional<GrafanaClient.Remote> remote = grafana.dashboard(d.uid());
            ObjectNode body = d.json().deepCopy();
            if (remote.isPresent()) {
                JsonNode id = remote.get().dashboard().path("id");
                body.set("id", id.isMissingNode() ? body.nullNode() : id);
                body.put("version", remote.get().version());
            } else {
                body.putNull("id");
                body.remove("version");
            }
            String folder = folderUid != null ? folderUid : remote.map(GrafanaClient.Remote::folderUid).orElse("");
            GrafanaClient.Saved saved = grafana.save(body, folder, message);
            entries.add(new PushReport.Entry(d.uid(), d.title(), remote.isPresent() ? "updated" : "created", folder,
                    saved.version(), saved.url()));
        }
        return new PushReport(grafanaUrl, entries);
    }

    /** Compares each dashboard with Grafana's copy. */
    public DiffReport diff(List<Dashboard> dashboards) {
        List<DiffReport.Entry> entries = new ArrayList<>();
        for (Dashboard d : dashboards) {
            Optional<GrafanaClient.Remote> remote = grafana.dashboard(d.uid());
            List<String> local = lines(d.json());
            if (remote.isEmpty()) {
                entries.add(new DiffReport.Entry(d.uid(), d.title(), "new", local.stream().map(l -> "+" + l).toList()));
                continue;
            }
            List<String> theirs = lines(remote.get().dashboard());
            List<String> diff = LineDiff.unified(theirs, local, 3);
            entries.add(new DiffReport.Entry(d.uid(), d.title(), diff.isEmpty() ? "same" : "changed", diff));
        }
        return new DiffReport(grafanaUrl, entries);
    }

    private static List<String> lines(JsonNode dashboard) {
        ObjectNode copy = dashboard.deepCopy();
        copy.remove(List.of("id", "version", "iteration"));
        try {
            return SORTED.writeValueAsString(copy).lines().toList();
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
