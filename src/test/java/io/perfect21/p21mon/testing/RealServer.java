package io.perfect21.p21mon.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A real server process started by {@link Servers} on a free loopback port in its own temporary directory. Its output
 * goes to {@code server.log} in that directory. {@link #close()} stops it (SIGTERM, a wait, then SIGKILL) and removes
 * the directory; it is idempotent, and a JVM shutdown hook calls it for servers a failed test left running.
 *
 * <pre>{@code
 * try (RealServer pushgateway = Servers.pushgateway()) {
 *     client.push(pushgateway.baseUrl(), ...);
 * }
 * }</pre>
 */
public final class RealServer implements AutoCloseable {
    private final String name;
    private final Process process;
    private final int port;
    private final Path dir;
    private final Path log;
    private final boolean ownsDir;
    private volatile boolean closed;

    RealServer(String name, Process process, int port, Path dir, Path log, boolean ownsDir) {
        this.name = name;
        this.process = process;
        this.port = port;
        this.dir = dir;
        this.log = log;
        this.ownsDir = ownsDir;
    }

    /** {@code http://127.0.0.1:PORT}, no trailing slash. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** The loopback port it listens on. */
    public int port() {
        return port;
    }

    /** Its own temporary directory: configuration, rule files, storage and {@code server.log}. */
    public Path dir() {
        return dir;
    }

    /** The file its stdout and stderr go to. */
    public Path log() {
        return log;
    }

    /** The process id of the server (the process {@link Servers} started). */
    public long pid() {
        return process.pid();
    }

    /** A short name for messages ({@code prometheus}, {@code alertmanager}, ...). */
    public String name() {
        return name;
    }

    /** Whether the process still runs (a zombie counts as stopped). */
    public boolean isAlive() {
        return Processes.isRunning(process.toHandle());
    }

    /** The last lines of its log, for failure messages. */
    public String logTail() {
        return Processes.tail(log, 40);
    }

    /**
     * Stops the server: SIGTERM to it and its descendants, up to 10 s for them to exit, then SIGKILL. Removes its
     * temporary directory. Idempotent.
     */
    @Override
    public void close() {
        if (!stopProcess()) {
            return;
        }
        if (ownsDir && !Boolean.getBoolean("p21mon.keepServerDirs")) {
            try {
                Processes.deleteTree(dir);
            } catch (IOException e) {
                // a leftover temp dir is harmless; the process is what matters
            }
        }
    }

    /** Stops the process and forgets it; false when it was already stopped. */
    boolean stopProcess() {
        synchronized (this) {
            if (closed) {
                return false;
            }
            closed = true;
        }
        Processes.stop(process.toHandle(), 10, TimeUnit.SECONDS);
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Servers.forget(this);
        return true;
    }

    @Override
    public String toString() {
        return name + "[" + baseUrl() + ", pid " + process.pid() + ", " + dir + "]";
    }
}
