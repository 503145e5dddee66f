package io.perfect21.p21mon.dashboards;

import io.perfect21.p21mon.IoErrors;
import com.fasterxml.jackson.databind.JsonNode;
import io.perfect21.p21mon.AtomicFiles;
import io.perfect21.p21mon.Json;
import io.perfect21.p21mon.P21monException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** Dashboards on disk: writing generated ones (each file atomically, broken ones never) and checking a directory. */
public final class DashboardFiles {
    private DashboardFiles() {
    }

    /** Writes each valid dashboard to {@code dir/NAME.json}; a broken one is reported and nothing is written for it. */
    public static GenerateReport write(List<DashboardGenerator.Result> results, Path dir) {
        List<GenerateReport.Entry> entries = new ArrayList<>();
        for (DashboardGenerator.Result r : results) {
            if (!r.ok()) {
                entries.add(new GenerateReport.Entry(r.name(), DashboardGenerator.uid(r.name()), null, 0, "invalid",
                        r.problems()));
                continue;
            }
            Dashboard d = r.dashboard();
            Path file = dir.resolve(d.fileName());
            AtomicFiles.write(file, d.text());
            entries.add(new GenerateReport.Entry(d.name(), d.uid(), file.toString(), panels(d.json()), "written", List.of()));
        }
        return new GenerateReport(dir.toString(), entries);
    }

    /**
     * Checks every {@code *.json} file of a directory. Drill-down links may point at any dashboard of the directory
     * or at {@code alsoKnownUids} (the generator's).
     */
    public static GenerateReport validate(Path dir, DashboardValidator validator, Set<String> alsoKnownUids) {
        if (!Files.isDirectory(dir)) {
            throw P21monException.usage(dir + " is not a directory of dashboards");
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw P21monException.failed("cannot list " + dir + ": " + IoErrors.describe(dir, e), e);
        }
        if (files.isEmpty()) {
            throw P21monException.usage(dir + " holds no *.json dashboards");
        }
        List<String> texts = new ArrayList<>();
        Set<String> uids = new LinkedHashSet<>(alsoKnownUids);
        for (Path f : files) {
            String text;
            try {
                text = Files.readString(f);
            } catch (IOException e) {
                throw P21monException.failed("cannot read " + f + ": " + IoErrors.describe(f, e), e);
            }
            texts.add(text);
            try {
                uids.add(Json.mapper().readTree(text).path("uid").asText());
            } catch (IOException e) {
                // reported below, by the validator
            }
        }
        List<GenerateReport.Entry> entries = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            Path f = files.get(i);
            List<String> problems = validator.validate(texts.get(i), uids);
            JsonNode json = parseOrNull(texts.get(i));
            String name = f.getFileName().toString().replaceFirst("\\.json$", "");
            entries.add(new GenerateReport.Entry(name, json == null ? null : json.path("uid").asText(null), f.toString(),
                    json == null ? 0 : panels(json), problems.isEmpty() ? "valid" : "invalid", problems));
        }
        return new GenerateReport(dir.toString(), entries);
    }

    private static JsonNode parseOrNull(String text) {
        try {
            return Json.mapper().readTree(text);
        } catch (IOException e) {
            return null;
        }
    }

    /** Panels of a dashboard, rows' nested panels included, rows not counted. */
    static int panels(JsonNode dashboard) {
        int n = 0;
        for (JsonNode p : dashboard.path("panels")) {
            n += "row".equals(p.path("type").asText()) ? p.path("panels").size() : 1;
        }
        return n;
    }
}
