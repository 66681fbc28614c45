package io.switchboard.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Whether a loopback port is bound, read from {@code /proc/net} (no probe traffic that a peer could mistake for SIP). */
public final class LoopbackSockets {
    private static final String LISTEN = "0A";

    private LoopbackSockets() {
    }

    /** A UDP socket is bound on 127.0.0.1 or 0.0.0.0 at {@code port}. */
    public static boolean udpBound(int port) {
        return bound(Path.of("/proc/net/udp"), port, null);
    }

    /** A TCP listener is on 127.0.0.1 or 0.0.0.0 at {@code port}. */
    public static boolean tcpListening(int port) {
        return bound(Path.of("/proc/net/tcp"), port, LISTEN);
    }

    private static boolean bound(Path table, int port, String state) {
        String hexPort = String.format(Locale.ROOT, "%04X", port);
        List<String> lines;
        try {
            lines = Files.readAllLines(table);
        } catch (IOException e) {
            return false;
        }
        for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 4) {
                continue;
            }
            String local = f[1];
            boolean addressOk = local.startsWith("0100007F:") || local.startsWith("00000000:");
            if (addressOk && local.endsWith(":" + hexPort) && (state == null || state.equals(f[3]))) {
                return true;
            }
        }
        return false;
    }
}
