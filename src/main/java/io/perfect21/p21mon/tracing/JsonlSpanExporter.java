package io.perfect21.p21mon.tracing;

import com.fasterxml.jackson.core.JsonGenerator;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.perfect21.p21mon.Json;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The seed's {@code file_output}: one JSON line per span ({@link SpanFile#FIELDS}), appended under a lock on
 * {@code FILE.lock} so several processes can share the file. When the file would pass {@code max_spans} lines it is
 * renamed to {@code FILE.1} (replacing the older one) and a new file is started: at most {@code 2 × max_spans} spans on
 * disk, the newest {@code max_spans} always whole.
 */
final class JsonlSpanExporter implements SpanExporter {
    private static final AttributeKey<String> SERVICE = AttributeKey.stringKey("service.name");

    private final Path file;
    private final int maxSpans;
    /** Lines in the file and its size when this exporter last wrote it; another writer changes the size. */
    private long knownLines = -1;
    private long knownSize = -1;

    JsonlSpanExporter(Path file, int maxSpans) {
        this.file = file.toAbsolutePath();
        this.maxSpans = maxSpans;
    }

    @Override
    public synchronized CompletableResultCode export(Collection<SpanData> spans) {
        if (spans.isEmpty()) {
            return CompletableResultCode.ofSuccess();
        }
        try {
            Files.createDirectories(file.getParent());
            try (FileChannel lock = FileChannel.open(file.resolveSibling(file.getFileName() + ".lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                lock.lock();
                write(spans);
            }
            return CompletableResultCode.ofSuccess();
        } catch (IOException | RuntimeException e) {
            return CompletableResultCode.ofExceptionalFailure(e);
        }
    }

    private void write(Collection<SpanData> spans) throws IOException {
        long size = Files.exists(file) ? Files.size(file) : 0;
        long lines = size == knownSize ? knownLines : countLines(size);
        if (lines > 0 && lines + spans.size() > maxSpans) {
            Files.move(file, file.resolveSibling(file.getFileName() + ".1"), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
            lines = 0;
        }
        ByteArrayOutputStream buf = new ByteArrayOutputStream(512 * spans.size());
        for (SpanData s : spans) {
            line(s, buf);
            buf.write('\n');
        }
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            ByteBuffer bytes = ByteBuffer.wrap(buf.toByteArray());
            while (bytes.hasRemaining()) {
                out.write(bytes);
            }
            out.force(false);
            knownSize = out.size();
        }
        knownLines = lines + spans.size();
    }

    private long countLines(long size) throws IOException {
        if (size == 0) {
            return 0;
        }
        long n = 0;
        byte[] b = new byte[64 * 1024];
        try (InputStream in = Files.newInputStream(file)) {
            for (int r; (r = in.read(b)) > 0; ) {
                for (int i = 0; i < r; i++) {
                    if (b[i] == '\n') {
                        n++;
                    }
                }
            }
        }
        return n;
    }

    private static void line(SpanData s, ByteArrayOutputStream buf) throws IOException {
        try (JsonGenerator g = Json.mapper().getFactory().createGenerator(buf)) {
            g.writeStartObject();
            g.writeStringField("trace_id", s.getTraceId());
            g.writeStringField("span_id", s.getSpanId());
            g.writeStringField("parent_id", s.getParentSpanContext().isValid() ? s.getParentSpanId() : null);
            g.writeStringField("name", s.getName());
            g.writeStringField("service", s.getResource().getAttribute(SERVICE));
            g.writeStringField("kind", s.getKind().name());
            g.writeStringField("start", instant(s.getStartEpochNanos()).toString());
            g.writeNumberField("duration_ms", (s.getEndEpochNanos() - s.getStartEpochNanos()) / 1e6);
            g.writeStringField("status", s.getStatus().getStatusCode().name());
            if (!s.getStatus().getDescription().isEmpty()) {
                g.writeStringField("status_message", s.getStatus().getDescription());
            }
            g.writeFieldName("attributes");
            attributes(s.getAttributes(), g);
            g.writeArrayFieldStart("events");
            for (EventData e : s.getEvents()) {
                g.writeStartObject();
                g.writeStringField("name", e.getName());
                g.writeStringField("time", instant(e.getEpochNanos()).toString());
                g.writeFieldName("attributes");
                attributes(e.getAttributes(), g);
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
    }

    private static void attributes(Attributes attributes, JsonGenerator g) throws IOException {
        g.writeStartObject();
        for (Map.Entry<AttributeKey<?>, Object> e : attributes.asMap().entrySet()) {
            g.writeFieldName(e.getKey().getKey());
            Object v = e.getValue();
            if (v instanceof List<?> list) {
                g.writeStartArray();
                for (Object o : list) {
                    value(o, g);
                }
                g.writeEndArray();
            } else {
                value(v, g);
            }
        }
        g.writeEndObject();
    }

    private static void value(Object v, JsonGenerator g) throws IOException {
        if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v instanceof Long l) {
            g.writeNumber(l);
        } else if (v instanceof Double d) {
            g.writeNumber(d);
        } else {
            g.writeString(String.valueOf(v));
        }
    }

    private static Instant instant(long epochNanos) {
        return Instant.ofEpochSecond(0, epochNanos);
    }

    @Override
    public CompletableResultCode flush() {
        return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
        return CompletableResultCode.ofSuccess();
    }
}
