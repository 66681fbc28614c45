package io.switchboard.media.rtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.switchboard.core.lane.ExecutorLane;
import io.switchboard.media.codec.G711Codec;
import io.switchboard.media.codec.PcmFrame;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RtpSessionTest {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final Duration WAIT = Duration.ofSeconds(5);

    private RtpTransport transport;
    private ExecutorLane laneA;
    private ExecutorLane laneB;

    @BeforeEach
    void setUp() {
        transport = new RtpTransport(LOOPBACK, new PortAllocator(43000, 43999), 1);
        laneA = new ExecutorLane("rtp-a");
        laneB = new ExecutorLane("rtp-b");
    }

    @AfterEach
    void tearDown() throws Exception {
        transport.close();
        laneA.shutdown(Duration.ofSeconds(2));
        laneB.shutdown(Duration.ofSeconds(2));
    }

    private RtpSession open(ExecutorLane lane, boolean symmetric) throws Exception {
        return transport.open(lane, new RtpSessionOptions(symmetric, new SplittableRandom())).get(5, TimeUnit.SECONDS);
    }

    private static PcmFrame tone(int n) {
        short[] s = new short[PcmFrame.SAMPLES];
        for (int i = 0; i < s.length; i++) {
            s[i] = (short) (1000 * n * Math.sin(2 * Math.PI * 440 * i / 8000.0));
        }
        return PcmFrame.of(s);
    }

    @Test
    void twoSessionsExchangeFramesOverLoopback() throws Exception {
        RtpSession a = open(laneA, false);
        RtpSession b = open(laneB, false);
        assertThat(a.localPort() % 2).isZero();
        assertThat(a.localAddress().getAddress()).isEqualTo(LOOPBACK);
        a.setCodec(G711Codec.PCMU, 0);
        b.setCodec(G711Codec.PCMU, 0);
        a.setRemote(new InetSocketAddress(LOOPBACK, b.localPort()));
        b.setRemote(new InetSocketAddress(LOOPBACK, a.localPort()));
        List<PcmFrame> atB = new CopyOnWriteArrayList<>();
        List<RtpPacket> packetsAtB = new CopyOnWriteArrayList<>();
        List<PcmFrame> atA = new CopyOnWriteArrayList<>();
        laneB.execute(() -> {
            b.setFrameListener(atB::add);
            b.setPacketListener((p, src) -> packetsAtB.add(p));
        });
        laneA.execute(() -> a.setFrameListener(atA::add));
        laneA.execute(() -> {
            for (int i = 1; i <= 5; i++) {
                a.send(tone(i));
            }
        });
        laneB.execute(() -> b.send(tone(3)));
        await().atMost(WAIT).until(() -> atB.size() == 5 && atA.size() == 1);
        assertThat(packetsAtB).extracting(RtpPacket::sequenceNumber).doesNotHaveDuplicates();
        assertThat(packetsAtB.get(4).timestamp() - packetsAtB.get(0).timestamp()).isEqualTo(4 * 160);
        assertThat(packetsAtB.get(0).ssrc()).isEqualTo(a.sender().ssrc());
        // G.711 is lossy, but the decoded tone must still be close to what was sent
        assertThat(Math.abs(atB.get(2).sample(10) - tone(3).sample(10))).isLessThan(200);
        assertThat(a.counters().packetsSent()).isEqualTo(5);
        assertThat(b.counters().packetsReceived()).isEqualTo(5);
        assertThat(b.counters().bytesReceived()).isEqualTo(5 * 172);
        a.close();
        b.close();
        a.closeFuture().get(5, TimeUnit.SECONDS);
        b.closeFuture().get(5, TimeUnit.SECONDS);
        assertThat(transport.ports().inUseCount()).isZero();
    }

    @Test
    void symmetricRtpLatchesToTheFirstSourceAndDropsOthers() throws Exception {
        RtpSession a = open(laneA, true);
        RtpSession b = open(laneB, false);
        a.setCodec(G711Codec.PCMA, 8);
        b.setCodec(G711Codec.PCMA, 8);
        // SDP said b, but the phone behind NAT sends from another address: a latches to that one.
        a.setRemote(new InetSocketAddress(LOOPBACK, b.localPort()));
        try (DatagramSocket natted = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            natted.setSoTimeout(5000);
            byte[] rtp = encode(RtpPacket.of(true, 8, 1, 0, 77, new byte[160]));
            natted.send(new DatagramPacket(rtp, rtp.length, LOOPBACK, a.localPort()));
            await().atMost(WAIT).until(a::isLatched);
            assertThat(a.remote().getPort()).isEqualTo(natted.getLocalPort());
            if (transport.isEpoll()) {
                // the kernel filters from now on, and sends reuse the socket's route
                await().atMost(WAIT).until(a::isConnected);
            }

            // b still sends where SDP pointed it: dropped, by the kernel or by the session
            b.setRemote(new InetSocketAddress(LOOPBACK, a.localPort()));
            onLane(laneB, () -> b.send(PcmFrame.silence()));
            assertThat(b.counters().packetsSent()).isEqualTo(1);
            byte[] next = encode(RtpPacket.of(false, 8, 2, 160, 77, new byte[160]));
            natted.send(new DatagramPacket(next, next.length, LOOPBACK, a.localPort()));
            await().atMost(WAIT).until(() -> a.counters().packetsReceived() == 2);
            if (!a.isConnected()) {
                assertThat(a.counters().wrongSource()).isEqualTo(1);
            }

            laneA.execute(() -> a.send(PcmFrame.silence()));
            DatagramPacket got = new DatagramPacket(new byte[2048], 2048);
            natted.receive(got);
            RtpPacket p = RtpCodec.decode(Unpooled.wrappedBuffer(got.getData(), 0, got.getLength())).value();
            assertThat(p.payloadType()).isEqualTo(8);
            assertThat(p.ssrc()).isEqualTo(a.sender().ssrc());
            assertThat(a.counters().packetsReceived()).isEqualTo(2);
            assertThat(a.counters().sendErrors()).isZero();

            // a re-INVITE moves the far end back to b: relatch, and b's packets are accepted again
            a.relatch(new InetSocketAddress(LOOPBACK, b.localPort())).get(5, TimeUnit.SECONDS);
            assertThat(a.isConnected()).isFalse();
            laneB.execute(() -> b.send(PcmFrame.silence()));
            await().atMost(WAIT).until(() -> a.counters().packetsReceived() == 3);
            assertThat(a.remote().getPort()).isEqualTo(b.localPort());
            if (transport.isEpoll()) {
                await().atMost(WAIT).until(a::isConnected);
            }
            // and what a sends now reaches b
            List<PcmFrame> atB = new CopyOnWriteArrayList<>();
            laneB.execute(() -> b.setFrameListener(atB::add));
            laneA.execute(() -> a.send(PcmFrame.silence()));
            await().atMost(WAIT).until(() -> atB.size() == 1);
        }
        a.close();
        b.close();
    }

    /** Runs {@code task} on {@code lane} and waits until it is done. */
    private static void onLane(ExecutorLane lane, Runnable task) throws Exception {
        CompletableFuture<Void> done = new CompletableFuture<>();
        lane.execute(() -> {
            task.run();
            done.complete(null);
        });
        done.get(5, TimeUnit.SECONDS);
    }

    @Test
    void malformedDatagramsAreCountedAndDoNotLatch() throws Exception {
        RtpSession a = open(laneA, true);
        try (DatagramSocket peer = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            byte[] junk = {1, 2, 3};
            peer.send(new DatagramPacket(junk, junk.length, LOOPBACK, a.localPort()));
            byte[] v1 = new byte[20];
            v1[0] = 0x40;
            peer.send(new DatagramPacket(v1, v1.length, LOOPBACK, a.localPort()));
            await().atMost(WAIT).until(() -> a.counters().malformed() == 2);
        }
        assertThat(a.isLatched()).isFalse();
        assertThat(a.counters().packetsReceived()).isZero();
        a.close();
    }

    @Test
    void sendingBeforeTheRemoteIsKnownIsCountedNotFatal() throws Exception {
        RtpSession a = open(laneA, true);
        a.setCodec(G711Codec.PCMU, 0);
        a.send(PcmFrame.silence());
        assertThat(a.counters().sendWithoutRemote()).isEqualTo(1);
        a.close();
        a.close();
        a.closeFuture().get(5, TimeUnit.SECONDS);
    }

    @Test
    void openFailsCleanlyWhenTheRangeIsExhausted() throws Exception {
        try (RtpTransport tiny = new RtpTransport(LOOPBACK, new PortAllocator(44000, 44001), 1)) {
            RtpSession only = tiny.open(laneA, RtpSessionOptions.defaults()).get(5, TimeUnit.SECONDS);
            assertThat(tiny.open(laneA, RtpSessionOptions.defaults())).failsWithin(WAIT);
            only.close();
            only.closeFuture().get(5, TimeUnit.SECONDS);
            assertThat(tiny.ports().freeCount()).isEqualTo(1);
        }
    }

    private static byte[] encode(RtpPacket p) {
        ByteBuf buf = Unpooled.buffer();
        RtpCodec.encode(p, buf);
        byte[] out = new byte[buf.readableBytes()];
        buf.readBytes(out);
        return out;
    }
}
