package io.switchboard.testkit;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A raw SIP-over-UDP probe on 127.0.0.1: sends arbitrary datagrams (torture messages) and well-formed
 * OPTIONS, and collects every datagram that comes back. Responses are matched by Call-ID.
 */
public final class SipUdpProbe implements AutoCloseable {
    private static final Pattern STATUS = Pattern.compile("^SIP/2\\.0 (\\d{3})");
    private static final Pattern CALL_ID = Pattern.compile("(?im)^(?:call-id|i)[ \\t]*:[ \\t]*(\\S+)");

    private final DatagramSocket socket;
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final Thread reader;

    public SipUdpProbe() {
        try {
            socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        } catch (SocketException e) {
            throw new UncheckedIOException(e);
        }
        reader = new Thread(this::readLoop, "sip-udp-probe");
        reader.setDaemon(true);
        reader.start();
    }

    public int port() {
        return socket.getLocalPort();
    }

    /** Sends {@code bytes} unchanged as one datagram to 127.0.0.1:{@code port}. */
    public void send(byte[] bytes, int port) {
        try {
            socket.send(new DatagramPacket(bytes, bytes.length, InetAddress.getLoopbackAddress(), port));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every datagram received so far (ISO-8859-1 text). */
    public List<String> received() {
        return List.copyOf(received);
    }

    /** Datagrams received whose Call-ID is {@code callId}. */
    public List<String> receivedFor(String callId) {
        return received.stream().filter(m -> callId.equals(callId(m).orElse(null))).toList();
    }

    /** Sends an OPTIONS to the element at {@code port}; the status code of its final response within {@code atMost}. */
    public int options(int port, Duration atMost) {
        String callId = "probe-" + UUID.randomUUID();
        String branch = "z9hG4bK" + UUID.randomUUID().toString().replace("-", "");
        String msg = "OPTIONS sip:127.0.0.1:" + port + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:" + port() + ";branch=" + branch + ";rport\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:probe@127.0.0.1:" + port() + ">;tag=" + branch.substring(7, 17) + "\r\n"
                + "To: <sip:127.0.0.1:" + port + ">\r\n"
                + "Call-ID: " + callId + "\r\n"
                + "CSeq: 1 OPTIONS\r\n"
                + "Accept: application/sdp\r\n"
                + "Content-Length: 0\r\n\r\n";
        send(msg.getBytes(StandardCharsets.ISO_8859_1), port);
        try {
            await("a final response to OPTIONS " + callId).atMost(atMost).pollInterval(Duration.ofMillis(20))
                    .until(() -> finalStatus(callId).isPresent());
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("no answer to OPTIONS within " + atMost + " from 127.0.0.1:" + port, e);
        }
        return finalStatus(callId).orElseThrow();
    }

    /** The first final (>= 200) status code received for {@code callId}. */
    public Optional<Integer> finalStatus(String callId) {
        return receivedFor(callId).stream().map(SipUdpProbe::status).flatMap(Optional::stream).filter(c -> c >= 200).findFirst();
    }

    /** All status codes received for {@code callId}, in order. */
    public List<Integer> statuses(String callId) {
        return receivedFor(callId).stream().map(SipUdpProbe::status).flatMap(Optional::stream).toList();
    }

    /** Waits up to {@code atMost} for a datagram matching {@code p}. */
    public Optional<String> awaitMessage(Predicate<String> p, Duration atMost) {
        try {
            await().atMost(atMost).pollInterval(Duration.ofMillis(20)).until(() -> received.stream().anyMatch(p));
        } catch (ConditionTimeoutException e) {
            return Optional.empty();
        }
        return received.stream().filter(p).findFirst();
    }

    public static Optional<Integer> status(String message) {
        Matcher m = STATUS.matcher(message);
        return m.find() ? Optional.of(Integer.parseInt(m.group(1))) : Optional.empty();
    }

    public static Optional<String> callId(String message) {
        Matcher m = CALL_ID.matcher(message);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    private void readLoop() {
        byte[] buf = new byte[65536];
        while (!socket.isClosed()) {
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            try {
                socket.receive(p);
                received.add(new String(p.getData(), 0, p.getLength(), StandardCharsets.ISO_8859_1));
            } catch (IOException e) {
                return;
            }
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}
