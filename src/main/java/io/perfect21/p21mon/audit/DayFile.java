package io.perfect21.p21mon.audit;

import io.perfect21.p21mon.IoErrors;
import io.perfect21.p21mon.P21monException;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/** One day's file of the store: {@code audit-YYYY-MM-DD.jsonl}, or {@code .jsonl.gz} once the day is closed and compressed. */
public record DayFile(Path path, LocalDate day, boolean gzip) {
    private static final Pattern NAME = Pattern.compile("audit-(\\d{4}-\\d{2}-\\d{2})\\.jsonl(\\.gz)?");

    public String name() {
        return path.getFileName().toString();
    }

    /**
     * The file beside {@code file} whose name is its name and {@code suffix} (the index, the postings, a gz map, a
     * temporary). {@code concat} rather than {@code +}: the first Path + String concatenation of a query linked a
     * method handle whose class the class-data archive does not hold, the one class a query loaded from the JDK.
     */
    static Path beside(Path file, String suffix) {
        return file.resolveSibling(file.getFileName().toString().concat(suffix));
    }

    static String plainName(LocalDate day) {
        return "audit-" + day + ".jsonl";
    }

    /** The day files of a directory, oldest first; a day present both plain and gzipped (a compression cut short) reads plain. */
    static List<DayFile> list(Path dir) {
        Map<LocalDate, DayFile> byDay = new TreeMap<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "audit-*.jsonl*")) {
            for (Path p : ds) {
                Matcher m = NAME.matcher(p.getFileName().toString());
                if (m.matches()) {
                    LocalDate day;
                    try {
                        day = LocalDate.parse(m.group(1));
                    } catch (java.time.DateTimeException e) {
                        continue;
                    }
                    DayFile f = new DayFile(p, day, m.group(2) != null);
                    byDay.merge(day, f, (a, b) -> a.gzip ? b : a);
                }
            }
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (NotDirectoryException e) {
            throw P21monException.failed("audit directory " + dir + " is not a directory");
        } catch (IOException e) {
            throw P21monException.failed("cannot read audit directory " + dir + ": " + IoErrors.describe(dir, e), e);
        }
        return new ArrayList<>(byDay.values());
    }

    /** Opens the file for reading, decompressing a gzipped one. */
    InputStream open() throws IOException {
        return open(null);
    }

    /** Opens the file for reading, counting the file's own bytes read into {@code read} (when not null). */
    InputStream open(java.util.concurrent.atomic.AtomicLong read) throws IOException {
        InputStream in = Files.newInputStream(path);
        if (read != null) {
            in = new CountingInputStream(in, read);
        }
        return gzip ? new ReadAhead(new GZIPInputStream(new BufferedInputStream(in, 1 << 16), 1 << 16), name()) : in;
    }
}
