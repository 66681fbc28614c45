package io.switchboard.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/** Picks loopback ports that are free for both UDP and TCP at the moment of the call. */
public final class FreePorts {
    private FreePorts() {
    }

    /** A port free on 127.0.0.1 for both UDP and TCP (SIP listens on both). */
    public static int udpAndTcp() {
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = 20000 + ThreadLocalRandom.current().nextInt(30000);
            if (free(port)) {
                return port;
            }
        }
        throw new IllegalStateException("no free loopback port found");
    }

    /** A TCP port chosen by the kernel. */
    public static int tcp() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A port {@code p} such that {@code p} and {@code p + 1} are both free for UDP and TCP on loopback
     * (baresip listens for SIP on {@code p} and for SIP over TLS on {@code p + 1}).
     */
    public static int udpAndTcpPair() {
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = 20000 + ThreadLocalRandom.current().nextInt(30000);
            if (free(port) && free(port + 1)) {
                return port;
            }
        }
        throw new IllegalStateException("no free pair of loopback ports found");
    }

    /** A UDP port on 127.0.0.1 chosen by the kernel. */
    public static int udp() {
        try (DatagramSocket d = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            return d.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** True when nothing has UDP 127.0.0.1:{@code port} bound (e.g. a peer has not started listening yet). */
    public static boolean isUdpFree(int port) {
        try (DatagramSocket d = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean free(int port) {
        InetAddress lo = InetAddress.getLoopbackAddress();
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(false);
            s.bind(new InetSocketAddress(lo, port));
            try (DatagramSocket d = new DatagramSocket(new InetSocketAddress(lo, port))) {
                return true;
            }
        } catch (IOException e) {
            return false;
        }
    }
}
