package io.perfect21.p21mon.stack;

import com.fasterxml.jackson.databind.JsonNode;
import io.perfect21.p21mon.AtomicFiles;
import io.perfect21.p21mon.Json;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A pid file of the native runtime ({@code .run/SERVICE.pid}): the pid, the process's start time and its command line.
 * A pid names our process only while a live (not zombie) process with that pid has the same start time, so a pid the
 * kernel gave to another program after ours died is never signalled.
 */
public record PidFile(String service, long pid, Instant startedAt, int port, List<String> command) {

    public PidFile {
        command = List.copyOf(command);
    }

    /** The pid file of a process just started. */
    static PidFile of(String service, ProcessHandle process, int port, List<String> command) {
        Instant started = process.info().startInstant().orElse(Instant.EPOCH);
        return new PidFile(service, process.pid(), started, port, command);
    }

    void write(Path file) {
        try {
            AtomicFiles.write(file, Json.mapper().writeValueAsString(this) + "\n");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Reads a pid file.
     *
     * @throws IOException when it is missing, unreadable or not one of ours (corrupt)
     */
    static PidFile read(Path file) throws IOException {
        JsonNode n = Json.mapper().readTree(Files.readString(file, StandardCharsets.UTF_8));
        if (n == null || !n.path("pid").canConvertToLong() || n.path("pid").asLong() <= 0 || !n.hasNonNull("started_at")) {
            throw new IOException("not a p21mon pid file");
        }
        return Json.mapper().treeToValue(n, PidFile.class);
    }

    /** The live process this file names, when it is still the one that was started. */
    public Optional<ProcessHandle> process() {
        return ProcessHandle.of(pid).filter(PidFile::running)
                .filter(p -> p.info().startInstant().map(startedAt::equals).orElse(false));
    }

    /** Alive and not a zombie (a daemon whose parent exited stays in state Z for a while: that is stopped). */
    static boolean running(ProcessHandle p) {
        if (!p.isAlive()) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(p.pid()), "stat"), StandardCharsets.UTF_8);
            int close = stat.lastIndexOf(')');
            return close < 0 || close + 2 >= stat.length() || stat.charAt(close + 2) != 'Z';
        } catch (IOException e) {
            // no /proc (not Linux) or the process just ended
            return p.isAlive();
        }
    }
}
