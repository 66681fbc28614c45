package io.switchboard.testkit;

import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.awaitility.core.ConditionTimeoutException;

/** A SIPp run in the background (typically a UAS): wait for its socket, then for its end or stop it. */
public final class SippProcess implements AutoCloseable {
    private final String name;
    private final PeerProcess process;
    private final Path dir;
    private final int localPort;
    private final Sipp.Transport transport;
    private SippResult result;

    SippProcess(String name, PeerProcess process, Path dir, int localPort, Sipp.Transport transport) {
        this.name = name;
        this.process = process;
        this.dir = dir;
        this.localPort = localPort;
        this.transport = transport;
    }

    public long pid() {
        return process.pid();
    }

    /** Waits until SIPp has bound its local port (UDP socket or TCP listener); fails with its log if it died. */
    public SippProcess awaitReady(Duration atMost) {
        if (localPort <= 0) {
            throw new IllegalStateException("awaitReady needs localPort(...) to know which socket to wait for");
        }
        try {
            await("SIPp '" + name + "' listening on " + transport + " " + localPort)
                    .atMost(atMost).pollInterval(Duration.ofMillis(50))
                    .until(() -> {
                        if (!process.isAlive()) {
                            throw new AssertionError("SIPp '" + name + "' exited before it was ready:\n" + process.logText());
                        }
                        return transport == Sipp.Transport.TCP ? LoopbackSockets.tcpListening(localPort)
                                : LoopbackSockets.udpBound(localPort);
                    });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("SIPp '" + name + "' not ready after " + atMost + ":\n" + process.logText(), e);
        }
        return this;
    }

    /** Waits for SIPp to end by itself (killed at {@code atMost}), then reads its stat file. */
    public SippResult awaitExit(Duration atMost) {
        if (result == null) {
            int code = process.waitFor(atMost);
            result = collect(code);
        }
        return result;
    }

    /** Stops SIPp (SIGTERM, then SIGKILL) if still running and returns what it recorded. */
    public SippResult stop() {
        if (result == null) {
            int code = process.stop(Duration.ofSeconds(3));
            result = collect(code);
        }
        return result;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    private SippResult collect(int code) {
        Map<String, String> stats = SippStats.lastLine(dir.resolve("stat.csv"));
        return new SippResult(name, code, SippStats.count(stats, "SuccessfulCall(C)"), SippStats.count(stats, "FailedCall(C)"),
                stats, dir, process.logText());
    }

    @Override
    public void close() {
        stop();
    }
}
