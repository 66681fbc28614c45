package io.switchboard.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A throw-away PostgreSQL server from the Debian package binaries ({@code /usr/lib/postgresql/N/bin}), so
 * the production storage path is tested against the real thing: a fresh cluster in a temp directory,
 * listening on 127.0.0.1 and a free port only (no Unix socket), trust authentication, durability off.
 *
 * <p>PostgreSQL refuses to run as root; when the test JVM is root (CI) the cluster is owned by and run as
 * the {@code postgres} user through {@code runuser}. A missing installation fails the test in CI
 * ({@code CI=true}) and aborts it locally, naming the package. {@link #close()} stops the server
 * ({@code pg_ctl stop -m immediate}) and deletes the directory; {@link #shared()} is one server per JVM,
 * stopped by a shutdown hook.
 */
public final class Postgres implements AutoCloseable {
    private static final String USER = "postgres";
    private static Postgres shared;

    private final Path bin;
    private final Path dir;
    private final int port;
    private final boolean asRoot;

    private Postgres(Path bin, Path dir, int port, boolean asRoot) {
        this.bin = bin;
        this.dir = dir;
        this.port = port;
        this.asRoot = asRoot;
    }

    /** One server for the whole test JVM (initdb costs seconds); give each test class its own database. */
    public static synchronized Postgres shared() {
        if (shared == null) {
            shared = start();
            Postgres s = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(s::close, "postgres-stop"));
        }
        return shared;
    }

    /** Starts a new cluster; the caller closes it. */
    public static Postgres start() {
        Path bin = binaries().orElseThrow(() -> missing());
        boolean root = isRoot();
        try {
            Path dir = Files.createTempDirectory("switchboard-pg");
            Postgres pg = new Postgres(bin, dir, FreePorts.tcp(), root);
            try {
                pg.initAndStart();
            } catch (RuntimeException | Error e) {
                pg.close();
                throw e;
            }
            return pg;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return port;
    }

    public String user() {
        return USER;
    }

    /** JDBC URL of database {@code name} (use {@code postgres} for the default one). */
    public String jdbcUrl(String name) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + name;
    }

    /** Creates an empty database (letters, digits and underscores) and returns its JDBC URL. */
    public String createDatabase(String name) {
        if (!name.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("database name must be lower-case letters, digits, underscores: " + name);
        }
        run(List.of(bin.resolve("psql").toString(), "-h", "127.0.0.1", "-p", Integer.toString(port), "-U", USER,
                "-d", "postgres", "-v", "ON_ERROR_STOP=1", "-q", "-c", "CREATE DATABASE " + name), 60);
        return jdbcUrl(name);
    }

    private void initAndStart() throws IOException {
        Path data = dir.resolve("data");
        if (asRoot) {
            run(List.of("chown", USER + ":" + USER, dir.toString()), 30);
        }
        run(asUser(List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", USER, "-A", "trust",
                "-E", "UTF8", "--locale=C", "--no-sync")), 120);
        String conf = String.join("\n", "", "listen_addresses = '127.0.0.1'", "port = " + port,
                "unix_socket_directories = ''", "fsync = off", "synchronous_commit = off", "full_page_writes = off",
                "max_connections = 60", "");
        Files.writeString(data.resolve("postgresql.conf"), conf, StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);
        run(asUser(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l",
                dir.resolve("postgres.log").toString(), "-w", "-t", "60", "start")), 90);
    }

    /** Stops the server (immediate shutdown: the data is thrown away anyway) and deletes its directory. */
    @Override
    public void close() {
        Path data = dir.resolve("data");
        if (Files.exists(data.resolve("postmaster.pid"))) {
            try {
                run(asUser(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate",
                        "-w", "-t", "30", "stop")), 60);
            } catch (RuntimeException e) {
                killFromPidFile(data);
            }
        }
        deleteTree(dir);
    }

    private List<String> asUser(List<String> command) {
        if (!asRoot) {
            return command;
        }
        List<String> wrapped = new ArrayList<>(List.of("runuser", "-u", USER, "--"));
        wrapped.addAll(command);
        return wrapped;
    }

    private void run(List<String> command, int timeoutSeconds) {
        try {
            Path out = Files.createTempFile("switchboard-pg-cmd", ".log");
            try {
                Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                        .redirectOutput(out.toFile()).start();
                if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new IllegalStateException("timed out after " + timeoutSeconds + " s: " + command + log(out));
                }
                if (p.exitValue() != 0) {
                    throw new IllegalStateException("exit " + p.exitValue() + ": " + command + log(out));
                }
            } finally {
                Files.deleteIfExists(out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + command, e);
        }
    }

    private String log(Path out) throws IOException {
        Path serverLog = dir.resolve("postgres.log");
        String server = Files.exists(serverLog) ? "\n--- postgres.log ---\n" + Files.readString(serverLog) : "";
        return "\n" + Files.readString(out) + server;
    }

    private static void killFromPidFile(Path data) {
        try {
            long pid = Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).get(0).trim());
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        } catch (IOException | RuntimeException e) {
            // nothing left to stop
        }
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete " + dir, e);
        }
    }

    /** The newest {@code /usr/lib/postgresql/N/bin} holding {@code postgres}, {@code initdb} and {@code pg_ctl}. */
    static Optional<Path> binaries() {
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(root)) {
            return versions.map(v -> v.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("postgres")) && Files.isExecutable(b.resolve("initdb"))
                            && Files.isExecutable(b.resolve("pg_ctl")))
                    .max(Comparator.comparingInt(Postgres::majorVersion));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static int majorVersion(Path bin) {
        try {
            return Integer.parseInt(bin.getParent().getFileName().toString());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static boolean isRoot() {
        try {
            return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    private static AssertionError missing() {
        String message = "PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin: install Debian package "
                + "postgresql (apt-get install -y --no-install-recommends postgresql)";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError(message);
        }
        Assumptions.abort(message);
        return new AssertionError(message);
    }
}
