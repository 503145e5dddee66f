package io.perfect21.p21mon.tracing;

import io.perfect21.p21mon.IoErrors;
import com.fasterxml.jackson.databind.JsonNode;
import io.perfect21.p21mon.Json;
import io.perfect21.p21mon.P21monException;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the JSONL span file that {@code tracing.file_output} writes (and its rotated {@code FILE.1}, older spans
 * first). A line that is not a span is skipped and reported by file and line number, never fatal.
 */
public final class SpanFile {
    /** The fields of one line, in the order they are written. */
    public static final List<String> FIELDS = List.of("trace_id", "span_id", "parent_id", "name", "service", "kind",
            "start", "duration_ms", "status", "status_message", "attributes", "events");

    /** The spans read, and one line per skipped line. */
    public record Read(List<StoredSpan> spans, List<String> skipped) {
    }

    private SpanFile() {
    }

    /**
     * Reads the file and its rotated predecessor; {@code fromConfig}: the path is {@code tracing.file_output}'s (said
     * in the message when there is no file), not one the user typed.
     *
     * @throws P21monException when neither exists or one cannot be read, naming the file and the OS's reason
     */
    public static Read read(Path file, boolean fromConfig) {
        List<StoredSpan> spans = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        Path rotated = file.resolveSibling(file.getFileName() + ".1");
        boolean any = false;
        for (Path p : List.of(rotated, file)) {
            try (BufferedReader in = Files.newBufferedReader(p, StandardCharsets.UTF_8)) {
                any = true;
                int n = 0;
                for (String line; (line = in.readLine()) != null; ) {
                    n++;
                    if (line.isBlank()) {
                        continue;
                    }
                    StoredSpan s = parse(line);
                    if (s == null) {
                        skipped.add(p + ":" + n + ": not a span line: " + excerpt(line));
                    } else {
                        spans.add(s);
                    }
                }
            } catch (NoSuchFileException e) {
                // a file not rotated yet, or no spans written yet
            } catch (IOException e) {
                throw P21monException.failed("cannot read the span file " + p + ": " + IoErrors.reason(e), e);
            }
        }
        if (!any) {
            throw P21monException.failed("cannot read the span file " + file + ": No such file or directory"
                    + (fromConfig ? " (tracing.file_output; no span recorded yet?)" : ""));
        }
        return new Read(spans, skipped);
    }


    static StoredSpan parse(String line) {
        try {
            JsonNode n = Json.mapper().readTree(line);
            if (n == null || !n.isObject() || !n.path("trace_id").isTextual() || !n.path("span_id").isTextual()
                    || !n.path("name").isTextual() || !n.path("duration_ms").isNumber()) {
                return null;
            }
            Instant start = Instant.parse(n.path("start").asText());
            Map<String, String> tags = new LinkedHashMap<>();
            n.path("attributes").properties().forEach(e ->
                    tags.put(e.getKey(), e.getValue().isValueNode() ? e.getValue().asText() : e.getValue().toString()));
            String parent = n.path("parent_id").isTextual() ? n.path("parent_id").asText() : null;
            long startMicros = start.getEpochSecond() * 1_000_000L + start.getNano() / 1000;
            return new StoredSpan(n.path("trace_id").asText(), n.path("span_id").asText(), parent, n.path("name").asText(),
                    n.path("service").asText(""), startMicros, Math.round(n.path("duration_ms").asDouble() * 1000),
                    "ERROR".equals(n.path("status").asText()), tags);
        } catch (IOException | DateTimeParseException e) {
            return null;
        }
    }

    private static String excerpt(String line) {
        String s = line.strip();
        return s.length() > 80 ? s.substring(0, 80) + "…" : s;
    }
}
