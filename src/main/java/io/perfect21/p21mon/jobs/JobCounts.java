package io.perfect21.p21mon.jobs;

import io.perfect21.p21mon.AtomicFiles;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * What {@code p21mon run} remembers of a job between runs, in {@code STATE_DIR/jobs/JOB.properties}: runs by result and
 * the last success (Unix seconds). The Pushgateway keeps only the last push of a group, so the counter
 * {@code p21_job_runs_total} and the last success are carried here and pushed whole every run. Updated under a file
 * lock, so overlapping runs of one job count both.
 */
final class JobCounts {
    record Snapshot(Map<String, Long> runsByResult, Double lastSuccessEpochSeconds) {
    }

    private JobCounts() {
    }

    /** Counts this run in, and returns the totals to push. */
    static Snapshot add(Path stateDir, JobResult r) throws IOException {
        Path dir = stateDir.resolve("jobs");
        Files.createDirectories(dir);
        String file = r.job().replaceAll("[^A-Za-z0-9_.-]", "_");
        Path path = dir.resolve(file + ".properties");
        try (FileChannel lock = FileChannel.open(dir.resolve(file + ".lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE)) {
            lock.lock();
            Properties p = new Properties();
            if (Files.exists(path)) {
                p.load(new StringReader(Files.readString(path)));
            }
            String key = "runs." + r.result();
            p.setProperty(key, Long.toString(parse(p.getProperty(key)) + 1));
            if (r.succeeded()) {
                Double end = r.start().plus(r.duration()).toEpochMilli() / 1000.0;
                p.setProperty("last_success", Double.toString(end));
            }
            StringWriter w = new StringWriter();
            p.store(w, "p21mon run: " + r.job());
            AtomicFiles.write(path, w.toString());
            Map<String, Long> runs = new TreeMap<>();
            for (String result : new String[] {JobResult.SUCCESS, JobResult.FAILURE, JobResult.TIMEOUT}) {
                runs.put(result, parse(p.getProperty("runs." + result)));
            }
            String last = p.getProperty("last_success");
            return new Snapshot(runs, last == null ? null : Double.valueOf(last));
        }
    }

    private static long parse(String s) {
        try {
            return s == null ? 0 : Long.parseLong(s.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
