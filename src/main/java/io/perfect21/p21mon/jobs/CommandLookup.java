package io.perfect21.p21mon.jobs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Why a job's command cannot start, found the way a POSIX shell finds it, so {@code p21mon run} can answer as
 * {@code sh} does (exit 127 {@code command not found}, 126 {@code permission denied} or {@code is a directory}) rather
 * than with Java's exception text, which differs between JDKs. A name without {@code /} is searched in the job's
 * {@code PATH} (an executable file wins; a match that is not executable is remembered, as {@code execvp} does); a name
 * with {@code /} is taken relative to the job's working directory.
 */
final class CommandLookup {
    /** The command cannot start: the exit code (126 or 127) and the shell's reason, lower case. */
    record Failure(int exitCode, String reason) {
    }

    /** Java's {@code error=13, Permission denied} (JDK 17) or {@code error: 13 (Permission denied)} (JDK 21+). */
    private static final Pattern ERRNO = Pattern.compile("error[=:]\\s*(\\d+)(?:,\\s*|\\s*\\()([^)]*)");
    private static final String DEFAULT_PATH = "/usr/local/bin:/usr/bin:/bin";

    private CommandLookup() {
    }

    /** Why {@code command} would not start in {@code workDir} with {@code env}'s PATH, or null when it can. */
    static Failure check(String command, Path workDir, Map<String, String> env) {
        if (command.isEmpty()) {
            return new Failure(JobResult.EXIT_NOT_FOUND, "command not found");
        }
        if (command.contains("/")) {
            Failure f = file(workDir.resolve(command));
            return f == null || f.exitCode() != JobResult.EXIT_NOT_FOUND ? f
                    : new Failure(JobResult.EXIT_NOT_FOUND, "no such file or directory");
        }
        Failure found = null;
        String path = env.getOrDefault("PATH", DEFAULT_PATH);
        for (String dir : path.split(":", -1)) {
            Failure f = file(workDir.resolve(dir.isEmpty() ? "." : dir).resolve(command));
            if (f == null) {
                return null;
            }
            if (f.exitCode() == JobResult.EXIT_CANNOT_RUN && !f.reason().equals("is a directory") && found == null) {
                found = f;
            }
        }
        return found != null ? found : new Failure(JobResult.EXIT_NOT_FOUND, "command not found");
    }

    private static Failure file(Path p) {
        if (!Files.exists(p)) {
            return new Failure(JobResult.EXIT_NOT_FOUND, "command not found");
        }
        if (Files.isDirectory(p)) {
            return new Failure(JobResult.EXIT_CANNOT_RUN, "is a directory");
        }
        if (!Files.isExecutable(p)) {
            return new Failure(JobResult.EXIT_CANNOT_RUN, "permission denied");
        }
        return null;
    }

    /**
     * The failure of a start that the lookup did not foresee (a binary for another machine, a PATH that changed), from
     * the errno in Java's message: ENOENT and ENOTDIR are 127, anything else 126, with the OS's words in lower case.
     */
    static Failure of(IOException e) {
        Matcher m = ERRNO.matcher(String.valueOf(e.getMessage()));
        if (!m.find()) {
            return new Failure(JobResult.EXIT_CANNOT_RUN, "cannot run");
        }
        int errno = Integer.parseInt(m.group(1));
        String reason = m.group(2).strip().toLowerCase(java.util.Locale.ROOT);
        return switch (errno) {
            case 2 -> new Failure(JobResult.EXIT_NOT_FOUND, "command not found");
            case 20 -> new Failure(JobResult.EXIT_NOT_FOUND, "not a directory");
            case 13 -> new Failure(JobResult.EXIT_CANNOT_RUN, "permission denied");
            default -> new Failure(JobResult.EXIT_CANNOT_RUN, reason.isEmpty() ? "cannot run" : reason);
        };
    }
}
