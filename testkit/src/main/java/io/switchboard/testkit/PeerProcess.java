package io.switchboard.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One external peer process started by a test: its stdout and stderr go to a log file under
 * {@code target/}, a watchdog kills it (and its children) by PID at a hard deadline, and a JVM
 * shutdown hook kills whatever a crashed test left running.
 */
public final class PeerProcess implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PeerProcess.class);
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "peer-watchdog");
        t.setDaemon(true);
        return t;
    });
    private static final Set<PeerProcess> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(PeerProcess::kill), "peer-reaper"));
    }

    private final String name;
    private final Process process;
    private final Path logFile;
    private final ScheduledFuture<?> deadline;
    private volatile boolean killedAtDeadline;

    private PeerProcess(String name, Process process, Path logFile, Duration hardDeadline) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
        this.deadline = WATCHDOG.schedule(() -> {
            if (process.isAlive()) {
                killedAtDeadline = true;
                log.warn("{} (pid {}) still running at its hard deadline {}: killing it", name, process.pid(), hardDeadline);
                kill();
            }
        }, hardDeadline.toMillis(), TimeUnit.MILLISECONDS);
        RUNNING.add(this);
    }

    /** Starts {@code command} in {@code workDir}, output to {@code logFile}, killed at {@code hardDeadline} at the latest. */
    public static PeerProcess start(String name, List<String> command, Path workDir, Path logFile, Duration hardDeadline) {
        try {
            Files.createDirectories(workDir);
            Files.createDirectories(logFile.toAbsolutePath().getParent());
            ProcessBuilder pb = new ProcessBuilder(command)
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(logFile.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
            Files.writeString(logFile, "", StandardCharsets.UTF_8);
            Process p = pb.start();
            log.info("started {} (pid {}): {}", name, p.pid(), String.join(" ", command));
            return new PeerProcess(name, p, logFile, hardDeadline);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + ": " + command, e);
        }
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public boolean killedAtDeadline() {
        return killedAtDeadline;
    }

    public Path logFile() {
        return logFile;
    }

    /** Waits for the process to end (at most {@code timeout}; the hard deadline applies as well); its exit code. */
    public int waitFor(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("{} (pid {}) did not end within {}: killing it", name, process.pid(), timeout);
                kill();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
        }
        deadline.cancel(false);
        RUNNING.remove(this);
        return process.isAlive() ? -1 : process.exitValue();
    }

    /** Asks the process to end (SIGTERM), then kills it (SIGKILL) after {@code grace}; returns its exit code. */
    public int stop(Duration grace) {
        if (process.isAlive()) {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
            try {
                if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                    kill();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                kill();
            }
        }
        return waitFor(Duration.ofSeconds(10));
    }

    private void kill() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    /** The peer's log so far. */
    public String logText() {
        return readQuietly(logFile);
    }

    static String readQuietly(Path file) {
        try {
            return Files.exists(file) ? new String(Files.readAllBytes(file), StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e + ")";
        }
    }

    @Override
    public void close() {
        stop(Duration.ofSeconds(3));
    }
}
