package io.perfect21.p21mon.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server in its own temporary data directory, listening on 127.0.0.1 only (its unix socket in its
 * own directory), with password authentication (scram-sha-256) for user {@link #user()} and a database {@code app}.
 * PostgreSQL refuses to run as root, so when the build runs as root, {@code initdb} and the server run as the
 * {@code postgres} user (or {@code nobody}) through {@code runuser}. {@link #stop()} and {@link #start()} restart it on
 * the same port and data, for tests of a database going away and coming back.
 *
 * <pre>{@code
 * try (Postgres pg = Servers.postgres()) {
 *     Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.user(), pg.password());
 * }
 * }</pre>
 */
public final class Postgres implements AutoCloseable {
    private static final String USER = "p21";
    private static final String PASSWORD = "p21-test-password";
    private static final String DATABASE = "app";

    private final Path dir;
    private final Path data;
    private final Path log;
    private final Path postgresBinary;
    private final String runAs;
    private int port;
    private Process process;
    private boolean closed;

    private Postgres(Path dir, Path postgresBinary, String runAs) {
        this.dir = dir;
        this.data = dir.resolve("data");
        this.log = dir.resolve("server.log");
        this.postgresBinary = postgresBinary;
        this.runAs = runAs;
    }

    static Postgres startNew() {
        Path initdb = Servers.binary("initdb");
        Path postgres = Servers.binary("postgres");
        Path dir = Servers.tempDir("postgres");
        String runAs = isRoot() ? unprivilegedUser() : null;
        Postgres pg = new Postgres(dir, postgres, runAs);
        Servers.register(pg);
        try {
            Path pwfile = dir.resolve("pwfile");
            Servers.write(pwfile, PASSWORD + "\n");
            if (runAs != null) {
                chown(dir, runAs);
            }
            pg.run(List.of(initdb.toString(), "-D", pg.data.toString(), "-U", USER, "--pwfile=" + pwfile,
                    "--auth=scram-sha-256", "-E", "UTF8", "--locale=C", "--no-sync", "--no-instructions"), "initdb");
            Files.delete(pwfile);
            pg.port = Servers.freePort();
            pg.start();
            try (Connection c = pg.connect("postgres"); Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE " + DATABASE);
            }
            return pg;
        } catch (IOException e) {
            pg.close();
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            String tail = Processes.tail(pg.log, 40);
            pg.close();
            throw new AssertionError("cannot create database " + DATABASE + ": " + e.getMessage() + "\nlast lines of "
                    + pg.log + ":\n" + tail, e);
        } catch (RuntimeException | Error e) {
            pg.close();
            throw e;
        }
    }

    /** {@code jdbc:postgresql://127.0.0.1:PORT/app}. */
    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
    }

    /** The database user, {@code p21} (the cluster's superuser). */
    public String user() {
        return USER;
    }

    /** The user's password. */
    public String password() {
        return PASSWORD;
    }

    /** The loopback port; the same across {@link #stop()} and {@link #start()}. */
    public int port() {
        return port;
    }

    /** The major version of the server this fixture started, as its data directory records it ({@code "15"}). */
    public String majorVersion() {
        try {
            return Files.readString(data.resolve("PG_VERSION"), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Its temporary directory: {@code data/}, the unix socket, {@code server.log}. */
    public Path dir() {
        return dir;
    }

    /** Whether the server process runs (a zombie counts as stopped). */
    public synchronized boolean isAlive() {
        return process != null && Processes.isRunning(process.toHandle());
    }

    /** Starts the server on its port and data directory and waits until it accepts a password login. */
    public synchronized void start() {
        if (closed) {
            throw new IllegalStateException("closed");
        }
        if (isAlive()) {
            return;
        }
        List<String> cmd = asUser(List.of(postgresBinary.toString(), "-D", data.toString(),
                "-c", "listen_addresses=127.0.0.1",
                "-c", "port=" + port,
                "-c", "unix_socket_directories=" + dir,
                "-c", "fsync=off",
                "-c", "full_page_writes=off",
                "-c", "synchronous_commit=off"));
        try {
            process = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            throw new AssertionError("cannot start PostgreSQL (" + String.join(" ", cmd) + "): " + e.getMessage(), e);
        }
        long deadline = System.currentTimeMillis() + Servers.READY_TIMEOUT_MILLIS;
        SQLException last = null;
        while (System.currentTimeMillis() < deadline && isAlive()) {
            try (Connection c = connect("postgres")) {
                if (c.isValid(5)) {
                    return;
                }
            } catch (SQLException e) {
                last = e;
                Processes.sleep(50);
            }
        }
        String why = isAlive() ? "did not accept a login within " + Servers.READY_TIMEOUT_MILLIS + " ms"
                + (last != null ? " (" + last.getMessage() + ")" : "") : "exited";
        stopProcess();
        throw new AssertionError("PostgreSQL " + why + "\ncommand: " + String.join(" ", cmd) + "\nlast lines of " + log
                + ":\n" + Processes.tail(log, 40));
    }

    /** Stops the server (fast shutdown: open sessions are ended); its data stays for {@link #start()}. */
    public synchronized void stop() {
        stopProcess();
    }

    /** Stops the server and removes its directory. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        stopProcess();
        Servers.forget(this);
        if (!Boolean.getBoolean("p21mon.keepServerDirs")) {
            try {
                Processes.deleteTree(dir);
            } catch (IOException e) {
                // a leftover temp dir is harmless
            }
        }
    }

    @Override
    public String toString() {
        return "postgres[" + jdbcUrl() + ", " + dir + "]";
    }

    private void stopProcess() {
        if (process == null) {
            return;
        }
        Process p = process;
        process = null;
        if (Processes.isRunning(p.toHandle())) {
            // SIGTERM is PostgreSQL's "smart" shutdown, which waits for every client to disconnect; SIGINT is "fast".
            long postmaster = postmasterPid(p);
            Processes.signal(postmaster, "INT");
            try {
                p.waitFor(15, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Processes.stop(p.toHandle(), 5, TimeUnit.SECONDS);
    }

    private long postmasterPid(Process p) {
        try {
            List<String> lines = Files.readAllLines(data.resolve("postmaster.pid"), StandardCharsets.UTF_8);
            if (!lines.isEmpty()) {
                return Long.parseLong(lines.get(0).trim());
            }
        } catch (IOException | NumberFormatException e) {
            // not written yet: fall back to the process we started (or its child under runuser)
        }
        return p.toHandle().children().findFirst().map(ProcessHandle::pid).orElse(p.pid());
    }

    private Connection connect(String database) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", USER);
        props.setProperty("password", PASSWORD);
        props.setProperty("connectTimeout", "2");
        props.setProperty("socketTimeout", "10");
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + database, props);
    }

    private void run(List<String> command, String what) {
        List<String> cmd = asUser(command);
        Path out = dir.resolve(what + ".log");
        try {
            Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(out.toFile()).start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                Processes.stop(p.toHandle(), 1, TimeUnit.SECONDS);
                throw new AssertionError(what + " did not finish in 120 s\n" + Processes.tail(out, 40));
            }
            if (p.exitValue() != 0) {
                throw new AssertionError(what + " failed (exit " + p.exitValue() + "): " + String.join(" ", cmd)
                        + "\n" + Processes.tail(out, 40));
            }
        } catch (IOException e) {
            throw new AssertionError("cannot run " + String.join(" ", cmd) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private List<String> asUser(List<String> command) {
        if (runAs == null) {
            return command;
        }
        List<String> cmd = new ArrayList<>(List.of(Servers.binary("runuser").toString(), "-u", runAs, "--"));
        cmd.addAll(command);
        return cmd;
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** {@code postgres} when the Debian package created it, else {@code nobody}. */
    private static String unprivilegedUser() {
        try (Stream<String> lines = Files.lines(Path.of("/etc/passwd"))) {
            return lines.anyMatch(l -> l.startsWith("postgres:")) ? "postgres" : "nobody";
        } catch (IOException e) {
            return "nobody";
        }
    }

    private static void chown(Path dir, String user) throws IOException {
        UserPrincipal owner = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(user);
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.toList()) {
                Files.setOwner(p, owner);
            }
        }
    }
}
