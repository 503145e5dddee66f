package io.perfect21.p21mon.host;

import io.perfect21.p21mon.AtomicFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The host's CPU counters at one instant, kept in the state directory between runs of {@code p21mon health} so that
 * the next run (from cron, Nagios, {@code --watch}) computes the usage since then instead of sampling a window. A
 * small text file, one {@code key value} a line, no JSON library needed:
 * <pre>
 * p21mon-cpu-snapshot 1
 * taken_at_ms 1764159396000
 * cores 2
 * user 1234.56
 * ...  (every mode of {@link CpuTimes#MODES})
 * </pre>
 */
public record CpuSnapshot(long takenAtMillis, int cores, CpuTimes times) {
    static final String HEADER = "p21mon-cpu-snapshot 1";

    /** The file's text. */
    public String format() {
        StringBuilder sb = new StringBuilder(HEADER).append('\n');
        sb.append("taken_at_ms ").append(takenAtMillis).append('\n');
        sb.append("cores ").append(cores).append('\n');
        times.secondsByMode().forEach((mode, seconds) ->
                sb.append(mode).append(' ').append(seconds).append('\n'));
        return sb.toString();
    }

    /**
     * Parses a file's text.
     *
     * @throws IllegalArgumentException saying what is wrong when it is not a snapshot this version wrote
     */
    public static CpuSnapshot parse(String text) {
        String[] lines = text.split("\n");
        if (lines.length == 0 || !lines[0].equals(HEADER)) {
            throw new IllegalArgumentException("not a p21mon CPU snapshot (first line is not '" + HEADER + "')");
        }
        long takenAt = -1;
        int cores = -1;
        Map<String, Double> modes = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            int space = line.indexOf(' ');
            if (space < 0) {
                throw new IllegalArgumentException("line " + (i + 1) + " is not 'key value': " + line);
            }
            String key = line.substring(0, space);
            String value = line.substring(space + 1).strip();
            try {
                switch (key) {
                    case "taken_at_ms" -> takenAt = Long.parseLong(value);
                    case "cores" -> cores = Integer.parseInt(value);
                    default -> {
                        double seconds = Double.parseDouble(value);
                        if (!Double.isFinite(seconds) || seconds < 0) {
                            throw new NumberFormatException("not a count of seconds");
                        }
                        modes.put(key, seconds);
                    }
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("line " + (i + 1) + ": bad " + key + " '" + value + "'");
            }
        }
        if (takenAt < 0 || cores < 1 || !modes.containsKey("idle")) {
            throw new IllegalArgumentException("taken_at_ms, cores or the idle counter is missing");
        }
        return new CpuSnapshot(takenAt, cores, new CpuTimes(modes));
    }

    /**
     * Reads the file.
     *
     * @throws IOException when it cannot be read (a missing file is {@link java.nio.file.NoSuchFileException})
     * @throws IllegalArgumentException when it is not a snapshot
     */
    public static CpuSnapshot read(Path file) throws IOException {
        return parse(new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
    }

    /** Replaces the file atomically (temp file and rename), so concurrent runs leave one whole snapshot or another. */
    public void write(Path file) {
        AtomicFiles.write(file, format().getBytes(StandardCharsets.UTF_8), PosixFilePermissions.fromString("rw-r--r--"),
                true);
    }
}
