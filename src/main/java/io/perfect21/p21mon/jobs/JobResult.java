package io.perfect21.p21mon.jobs;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * How one {@code p21mon run} of a job went: the exit code passed through (124 when it timed out, 128+n when signal n
 * killed it, 126/127 when it could not be started), {@code result} ({@code success}, {@code failure}, {@code timeout}),
 * when it started, how long it took, the trace ids of its span, a one-line message ({@code exited 3},
 * {@code command not found}), and whether the command started at all ({@code started} false: 126/127 are p21mon's
 * answer, not the job's).
 */
public record JobResult(String job, List<String> command, int exitCode, String result, Instant start, Duration duration,
                        String host, String traceId, String spanId, String message, boolean started) {
    public static final String SUCCESS = "success";
    public static final String FAILURE = "failure";
    public static final String TIMEOUT = "timeout";
    /** coreutils {@code timeout}'s exit code for a command that ran out of time. */
    public static final int EXIT_TIMEOUT = 124;
    /** The command was found but could not be run (coreutils). */
    public static final int EXIT_CANNOT_RUN = 126;
    /** The command was not found (coreutils). */
    public static final int EXIT_NOT_FOUND = 127;

    public JobResult {
        command = List.copyOf(command);
    }

    public boolean succeeded() {
        return SUCCESS.equals(result);
    }

    public double durationSeconds() {
        return duration.toNanos() / 1e9;
    }

    /** The signal that killed the job (exit code 128+n, n in 1–64), or 0. */
    public int signal() {
        return exitCode > 128 && exitCode <= 128 + 64 && !TIMEOUT.equals(result) ? exitCode - 128 : 0;
    }
}
