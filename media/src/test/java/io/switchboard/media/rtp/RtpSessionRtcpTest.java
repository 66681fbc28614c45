package io.switchboard.media.rtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.switchboard.core.lane.ExecutorLane;
import io.switchboard.media.codec.G711Codec;
import io.switchboard.media.codec.PcmFrame;
import io.switchboard.media.rtcp.NtpTime;
import io.switchboard.media.rtcp.ReceiverReport;
import io.switchboard.media.rtcp.ReportBlock;
import io.switchboard.media.rtcp.RtcpCodec;
import io.switchboard.media.rtcp.RtcpPacket;
import io.switchboard.media.rtcp.SdesItemType;
import io.switchboard.media.rtcp.SenderReport;
import io.switchboard.media.rtcp.SourceDescription;
import io.switchboard.media.rtcp.StreamQuality;
import java.net.BindException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** RTCP between real sockets on 127.0.0.1, with the minimum interval shortened to 100 ms. */
class RtpSessionRtcpTest {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final Duration WAIT = Duration.ofSeconds(10);

    private RtpTransport transport;
    private ExecutorLane laneA;
    private ExecutorLane laneB;
    private final AtomicBoolean pumping = new AtomicBoolean(true);

    @BeforeEach
    void setUp() {
        transport = new RtpTransport(LOOPBACK, new PortAllocator(48200, 48799), 1);
        transport.setRtcpMinimumInterval(Duration.ofMillis(100));
        laneA = new ExecutorLane("rtcp-a");
        laneB = new ExecutorLane("rtcp-b");
    }

    @AfterEach
    void tearDown() throws Exception {
        pumping.set(false);
        laneA.shutdown(Duration.ofSeconds(2));
        laneB.shutdown(Duration.ofSeconds(2));
        transport.close();
    }

    private RtpSession open(ExecutorLane lane) throws Exception {
        RtpSession s = transport.open(lane, new RtpSessionOptions(true, new SplittableRandom())).get(5, TimeUnit.SECONDS);
        s.setCodec(G711Codec.PCMU, 0);
        return s;
    }

    /** Sends a frame every 20 ms on the lane until the test ends. */
    private void pump(ExecutorLane lane, RtpSession s) {
        lane.schedule(Duration.ofMillis(20), () -> {
            if (pumping.get()) {
                s.send(PcmFrame.silence());
                pump(lane, s);
            }
        });
    }

    private static List<RtcpPacket> receiveRtcp(DatagramSocket socket) throws Exception {
        DatagramPacket got = new DatagramPacket(new byte[1500], 1500);
        socket.receive(got);
        return RtcpCodec.decode(Unpooled.wrappedBuffer(got.getData(), 0, got.getLength())).value();
    }

    private static byte[] bytes(List<RtcpPacket> compound) {
        ByteBuf buf = Unpooled.buffer();
        RtcpCodec.encode(compound, buf);
        byte[] b = new byte[buf.readableBytes()];
        buf.readBytes(b);
        return b;
    }

    @Test
    void twoSessionsSeeEachOthersReports() throws Exception {
        RtpSession a = open(laneA);
        RtpSession b = open(laneB);
        a.setRemote(new InetSocketAddress(LOOPBACK, b.localPort()));
        b.setRemote(new InetSocketAddress(LOOPBACK, a.localPort()));
        pump(laneA, a);
        pump(laneB, b);
        await().atMost(WAIT).until(() -> sawReportsWithRoundTrip(a.quality()) && sawReportsWithRoundTrip(b.quality()));
        for (RtpSession[] pair : new RtpSession[][] {{a, b}, {b, a}}) {
            StreamQuality q = pair[0].quality();
            assertThat(q.packetsReceived()).isPositive();
            assertThat(q.packetsLost()).isZero();
            assertThat(q.farEndFractionLost()).isZero();
            assertThat(q.farEndPacketsLost()).isZero();
            assertThat(q.roundTripMs()).as("loopback round trip").isBetween(0.0, 100.0);
            assertThat(q.jitterMs()).isLessThan(50.0);
            assertThat(q.farEndJitterMs()).isLessThan(50.0);
            assertThat(q.farEndCname()).isEqualTo(pair[1].cname());
            assertThat(q.farEndBye()).isFalse();
            assertThat(pair[0].counters().rtcpSent()).isPositive();
            assertThat(pair[0].counters().rtcpMalformed()).isZero();
            assertThat(pair[0].counters().payloadOctetsSent()).isEqualTo(160 * pair[0].counters().packetsSent());
        }
        pumping.set(false);
        a.close();
        b.close();
        a.closeFuture().get(5, TimeUnit.SECONDS);
        b.closeFuture().get(5, TimeUnit.SECONDS);
        assertThat(transport.ports().inUseCount()).isZero();
    }

    private static boolean sawReportsWithRoundTrip(StreamQuality q) {
        return q.farEndReported() && q.hasRoundTrip() && q.packetsReceived() > 0;
    }

    @Test
    void closeSaysByeAndReleasesBothPorts() throws Exception {
        RtpSession a = open(laneA);
        RtpSession b = open(laneB);
        a.setRemote(new InetSocketAddress(LOOPBACK, b.localPort()));
        b.setRemote(new InetSocketAddress(LOOPBACK, a.localPort()));
        laneA.execute(() -> a.send(PcmFrame.silence()));
        await().atMost(WAIT).until(() -> b.counters().packetsReceived() == 1);
        int port = a.localPort();
        assertThatThrownBy(() -> new DatagramSocket(new InetSocketAddress(LOOPBACK, port + 1)).close())
                .as("the RTCP port is bound").isInstanceOf(BindException.class);

        a.close();
        a.closeFuture().get(5, TimeUnit.SECONDS);
        await().atMost(WAIT).until(() -> b.quality().farEndBye());
        assertThat(b.counters().rtcpReceived()).isPositive();
        assertThat(transport.ports().inUseCount()).isEqualTo(1);
        try (DatagramSocket rtp = new DatagramSocket(new InetSocketAddress(LOOPBACK, port));
             DatagramSocket rtcp = new DatagramSocket(new InetSocketAddress(LOOPBACK, port + 1))) {
            assertThat(rtp.getLocalPort() + 1).isEqualTo(rtcp.getLocalPort());
        }
        b.close();
        b.closeFuture().get(5, TimeUnit.SECONDS);
        assertThat(transport.ports().inUseCount()).isZero();
    }

    @Test
    void aSessionThatNeverSentSaysNoBye() throws Exception {
        RtpSession a = open(laneA);
        try (DatagramSocket peer = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            a.setRemoteRtcp(new InetSocketAddress(LOOPBACK, peer.getLocalPort()));
            a.close();
            a.closeFuture().get(5, TimeUnit.SECONDS);
            peer.setSoTimeout(300);
            assertThatThrownBy(() -> peer.receive(new DatagramPacket(new byte[1500], 1500)))
                    .isInstanceOf(java.net.SocketTimeoutException.class);
        }
        assertThat(a.counters().rtcpSent()).isZero();
    }

    @Test
    void aPairWhoseRtcpPortIsTakenIsSkipped() throws Exception {
        try (RtpTransport small = new RtpTransport(LOOPBACK, new PortAllocator(47100, 47103), 1)) {
            DatagramSocket blocker = null;
            try {
                blocker = new DatagramSocket(new InetSocketAddress(LOOPBACK, 47101));
            } catch (SocketException alreadyTakenByAnotherProcess) {
                // the odd port is taken either way
            }
            try {
                RtpSession s = small.open(laneA, RtpSessionOptions.defaults()).get(5, TimeUnit.SECONDS);
                assertThat(s.localPort()).isEqualTo(47102);
                assertThat(small.ports().inUseCount()).isEqualTo(1);
                s.close();
                s.closeFuture().get(5, TimeUnit.SECONDS);
                assertThat(small.ports().inUseCount()).isZero();
            } finally {
                if (blocker != null) {
                    blocker.close();
                }
            }
        }
    }

    @Test
    void rtcpMultiplexedOnTheRtpPortIsRtcpNotMalformedRtp() throws Exception {
        RtpSession a = open(laneA);
        try (DatagramSocket peer = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            peer.setSoTimeout(5000);
            byte[] rr = bytes(List.of(new ReceiverReport(0x5151, List.of(new ReportBlock(a.sender().ssrc(), 0, 0, 1, 0, 0, 0))),
                    SourceDescription.cname(0x5151, "peer")));
            assertThat(rr[1] & 0x7F).as("RR reads as RTP payload type 73").isEqualTo(73);
            peer.send(new DatagramPacket(rr, rr.length, LOOPBACK, a.localPort()));
            await().atMost(WAIT).until(() -> a.counters().rtcpReceived() == 1);
            assertThat(a.counters().malformed()).isZero();
            assertThat(a.counters().packetsReceived()).isZero();
            assertThat(a.isLatched()).as("RTCP does not latch RTP").isFalse();
            await().atMost(WAIT).until(() -> a.quality().farEndReported());
            assertThat(a.quality().farEndCname()).isEqualTo("peer");

            // symmetric RTCP latched to the multiplexing peer: our reports come from the RTP port
            DatagramPacket got = new DatagramPacket(new byte[1500], 1500);
            peer.receive(got);
            assertThat(got.getPort()).isEqualTo(a.localPort());
            List<RtcpPacket> report = RtcpCodec.decode(Unpooled.wrappedBuffer(got.getData(), 0, got.getLength())).value();
            assertThat(report.get(0)).isInstanceOf(ReceiverReport.class);
            assertThat(((SourceDescription) report.get(1)).chunks().get(0).item(SdesItemType.CNAME)).contains(a.cname());
        }
        a.close();
    }

    @Test
    void malformedRtcpIsCountedAndDoesNotLatch() throws Exception {
        RtpSession a = open(laneA);
        try (DatagramSocket bad = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0));
             DatagramSocket good = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            byte[] junk = {(byte) 0x81, (byte) 202, 0, 0};
            bad.send(new DatagramPacket(junk, junk.length, LOOPBACK, a.localPort() + 1));
            await().atMost(WAIT).until(() -> a.counters().rtcpMalformed() == 1);
            byte[] rr = bytes(List.of(new ReceiverReport(7, List.of())));
            good.send(new DatagramPacket(rr, rr.length, LOOPBACK, a.localPort() + 1));
            await().atMost(WAIT).until(() -> a.counters().rtcpReceived() == 1);
            bad.send(new DatagramPacket(rr, rr.length, LOOPBACK, a.localPort() + 1));
            await().atMost(WAIT).until(() -> a.counters().rtcpWrongSource() == 1);
            good.setSoTimeout(5000);
            assertThat(receiveRtcp(good).get(0)).as("reports go to the latched RTCP source").isInstanceOf(ReceiverReport.class);
        }
        a.close();
    }

    @Test
    void reportsGoToTheAddressFromSdpRtcpAttribute() throws Exception {
        RtpSession a = open(laneA);
        try (DatagramSocket rtp = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0));
             DatagramSocket rtcp = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            rtcp.setSoTimeout(5000);
            a.setRemote(new InetSocketAddress(LOOPBACK, rtp.getLocalPort()));
            a.setRemoteRtcp(new InetSocketAddress(LOOPBACK, rtcp.getLocalPort()));
            laneA.execute(() -> a.send(PcmFrame.silence()));
            List<RtcpPacket> report = receiveRtcp(rtcp);
            assertThat(report.get(0)).isInstanceOf(SenderReport.class);
            SenderReport sr = (SenderReport) report.get(0);
            assertThat(sr.ssrc()).isEqualTo(a.sender().ssrc());
            assertThat(sr.packetCount()).isEqualTo(1);
            assertThat(sr.octetCount()).isEqualTo(160);
        }
        a.close();
    }

    @Test
    void reportsCarryTheInjectedWallClock() throws Exception {
        Instant wall = Instant.parse("2030-01-02T03:04:05.5Z");
        try (RtpTransport fixed = new RtpTransport(LOOPBACK, new PortAllocator(48800, 48899), 1, InstantSource.fixed(wall));
             DatagramSocket peerRtp = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0));
             DatagramSocket peer = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            fixed.setRtcpMinimumInterval(Duration.ofMillis(100));
            RtpSession a = fixed.open(laneA, RtpSessionOptions.defaults()).get(5, TimeUnit.SECONDS);
            a.setCodec(G711Codec.PCMA, 8);
            a.setRemote(new InetSocketAddress(LOOPBACK, peerRtp.getLocalPort()));
            a.setRemoteRtcp(new InetSocketAddress(LOOPBACK, peer.getLocalPort()));
            laneA.execute(() -> a.send(PcmFrame.silence()));
            peer.setSoTimeout(5000);
            SenderReport sr = (SenderReport) receiveRtcp(peer).get(0);
            assertThat(sr.ntpTimestamp()).isEqualTo(NtpTime.of(wall));
            a.close();
            a.closeFuture().get(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void theRelayPathCountsReceptionToo() throws Exception {
        RtpSession a = open(laneA);
        RtpSession b = open(laneB);
        AtomicInteger relayed = new AtomicInteger();
        a.setForwarder(buf -> relayed.incrementAndGet());
        a.setRemote(new InetSocketAddress(LOOPBACK, b.localPort()));
        b.setRemote(new InetSocketAddress(LOOPBACK, a.localPort()));
        laneB.execute(() -> {
            for (int i = 0; i < 20; i++) {
                b.send(PcmFrame.silence());
            }
        });
        await().atMost(WAIT).until(() -> relayed.get() == 20);
        await().atMost(WAIT).until(() -> a.quality().packetsReceived() == 19);
        assertThat(a.quality().packetsLost()).isZero();
        await().atMost(WAIT).until(() -> b.quality().farEndReported());
        assertThat(b.quality().farEndPacketsLost()).isZero();
        a.close();
        b.close();
    }
}
