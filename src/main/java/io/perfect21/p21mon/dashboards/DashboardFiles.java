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
                        r.problems(), List.of()));
                continue;
            }
            Dashboard d = r.dashboard();
            Path file = dir.resolve(d.fileName());
            AtomicFiles.write(file, d.text());
            entries.add(new GenerateReport.Entry(d.name(), d.uid(), file.toString(), panels(d.json()), "written", List.of(),
                    r.warnings()));
        }
        return new GenerateReport(dir.toString(), entries);
    }

    /**
     * Checks dashboard files: each path a file, or a directory whose {@code *.json} files are checked. Each file may
     * hold any shape Grafana writes ({@link DashboardValidator#unwrap}). Drill-down links may point at any dashboard
     * checked together or at {@code alsoKnownUids} (the generator's).
     */
    public static GenerateReport validate(List<Path> paths, DashboardValidator validator, Set<String> alsoKnownUids) {
        List<Path> files = new ArrayList<>();
        for (Path path : paths) {
            if (Files.isDirectory(path)) {
                try (Stream<Path> s = Files.list(path)) {
                    List<Path> json = s.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList();
                    if (json.isEmpty()) {
                        throw P21monException.usage(path + " holds no *.json dashboards");
                    }
                    files.addAll(json);
                } catch (IOException e) {
                    throw P21monException.failed("cannot list " + path + ": " + IoErrors.reason(e), e);
                }
            } else if (Files.exists(path)) {
                files.add(path);
            } else {
                throw P21monException.usage(path + ": No such file or directory");
            }
        }
        List<String> texts = new ArrayList<>();
        Set<String> uids = new LinkedHashSet<>(alsoKnownUids);
        for (Path f : files) {
            String text;
            try {
                text = Files.readString(f);
            } catch (IOException e) {
                throw P21monException.failed("cannot read " + f + ": " + IoErrors.reason(e), e);
            }
            texts.add(text);
            JsonNode json = parseOrNull(text);
            if (json != null) {
                uids.add(json.path("uid").asText());
            }
        }
        List<GenerateReport.Entry> entries = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            Path f = files.get(i);
            DashboardValidator.Findings found = validator.check(texts.get(i), uids);
            JsonNode json = parseOrNull(texts.get(i));
            String name = f.getFileName().toString().replaceFirst("\\.json$", "");
            entries.add(new GenerateReport.Entry(name, json == null ? null : json.path("uid").asText(null), f.toString(),
                    json == null ? 0 : panels(json), found.problems().isEmpty() ? "valid" : "invalid",
                    found.problems(), found.warnings()));
        }
        String where = paths.size() == 1 ? paths.get(0).toString() : String.join(" ", paths.stream().map(Path::toString).toList());
        return new GenerateReport(where, entries);
    }

    /** A dashboard file's JSON; a missing, unreadable or malformed file is a usage error naming it (line and column). */
    public static JsonNode readJson(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw P21monException.usage(file + ": " + IoErrors.reason(e));
        }
        try {
            return Json.mapper().readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            com.fasterxml.jackson.core.JsonLocation at = e.getLocation();
            throw P21monException.usage(file + (at == null ? "" : ":" + at.getLineNr() + ":" + at.getColumnNr())
                    + ": not valid JSON: " + e.getOriginalMessage());
        }
    }


    private static JsonNode parseOrNull(String text) {
        try {
            return DashboardValidator.unwrap(Json.mapper().readTree(text));
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
