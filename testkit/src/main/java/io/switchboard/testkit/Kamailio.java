package io.switchboard.testkit;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A real Kamailio (Debian package {@code kamailio}) on 127.0.0.1 running one of the repository's
 * configurations, with {@code -A NAME=value} defines, in the foreground under a hard deadline; stopped by
 * PID on {@link #close()}. Its run directory and log are under {@code target/kamailio/<name>/}.
 */
public final class Kamailio implements AutoCloseable {
    private final PeerProcess process;
    private final int port;

    private Kamailio(PeerProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * Starts {@code config} listening on UDP 127.0.0.1:{@code port} ({@code KAM_LISTEN}) with further
     * defines ({@code "KAM_UAS_PORT=5080"}), and waits until the port is bound.
     */
    public static Kamailio start(String name, Path config, int port, String... defines) {
        Path binary = Peers.kamailio();
        Path dir = Path.of("target", "kamailio", name).toAbsolutePath();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> cmd = new ArrayList<>(List.of(binary.toString(), "-f", config.toAbsolutePath().toString(), "-DD", "-E",
                "-x", "tlsf", "-m", "64", "-M", "8", "-Y", dir.toString(), "-P", dir.resolve("kamailio.pid").toString(),
                "-w", dir.toString(), "-A", "KAM_LISTEN=udp:127.0.0.1:" + port, "-A", "KAM_CHILDREN=1"));
        for (String d : defines) {
            cmd.add("-A");
            cmd.add(d);
        }
        PeerProcess p = PeerProcess.start("kamailio " + name, cmd, dir, dir.resolve("kamailio.log"), Duration.ofMinutes(3));
        try {
            await("kamailio '" + name + "' listening on " + port).atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                    .until(() -> {
                        if (!p.isAlive()) {
                            throw new AssertionError("kamailio '" + name + "' exited at start-up:\n" + p.logText());
                        }
                        return !FreePorts.isUdpFree(port);
                    });
        } catch (RuntimeException | AssertionError e) {
            p.stop(Duration.ofSeconds(2));
            throw e;
        }
        return new Kamailio(p, port);
    }

    public int port() {
        return port;
    }

    public String logText() {
        return process.logText();
    }

    @Override
    public void close() {
        process.stop(Duration.ofSeconds(3));
    }
}
