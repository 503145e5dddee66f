package io.perfect21.p21mon.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.perfect21.p21mon.Json;

import java.io.UncheckedIOException;

/**
 * One generated Grafana dashboard: its template name ({@code overview}), stable uid ({@code p21mon-overview}), the
 * file it is written to ({@code overview.json}) and its JSON model.
 */
public record Dashboard(String name, String uid, String fileName, JsonNode json) {
    /** The JSON as written to the file: pretty, with a final newline. */
    public String text() {
        try {
            return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(json) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The dashboard's title. */
    public String title() {
        return json.path("title").asText(name);
    }
}
