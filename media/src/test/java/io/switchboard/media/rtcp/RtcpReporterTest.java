package io.switchboard.media.rtcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Two reporters talking through encoded compound packets, on a clock the test moves. */
class RtcpReporterTest {
    private static final long MS = 1_000_000;

    private Instant now = Instant.parse("2024-05-01T12:00:00Z");
    private long nanos = 5_000 * MS;
    private final InstantSource clock = () -> now;
    private final RtcpReporter a = new RtcpReporter(0xAAAA, "alice-cname", clock, () -> nanos, new RtcpInterval(RtcpInterval.MINIMUM));
    private final RtcpReporter b = new RtcpReporter(0xBBBB, "bob-cname", clock, () -> nanos, new RtcpInterval(RtcpInterval.MINIMUM));

    private void advance(long ms) {
        now = now.plus(Duration.ofMillis(ms));
    }

    private static ByteBuf wire(List<RtcpPacket> compound) {
        ByteBuf buf = Unpooled.buffer();
        RtcpCodec.encode(compound, buf);
        return buf;
    }

    @Test
    void senderReportThenReceiverReportGiveTheRoundTripAndLoss() {
        for (int i = 0; i < 50; i++) {
            a.onSent(1000 + 160L * i, i == 0);
            nanos += 3 * MS;
            b.onRtp(0xAAAA, 7 + i, 1000 + 160L * i);
            nanos += 17 * MS;
        }
        // the last packet left 20 ms ago; report 10 ms after it
        nanos -= 10 * MS;
        List<RtcpPacket> fromA = a.report(50, 50 * 160, false);
        assertThat(fromA.get(0)).isInstanceOf(SenderReport.class);
        SenderReport sr = (SenderReport) fromA.get(0);
        assertThat(sr.ssrc()).isEqualTo(0xAAAA);
        assertThat(sr.rtpTimestamp()).as("the last timestamp + 10 ms at 8 kHz").isEqualTo(1000 + 160 * 49 + 80);
        assertThat(sr.packetCount()).isEqualTo(50);
        assertThat(sr.octetCount()).isEqualTo(8000);
        assertThat(sr.ntpTimestamp()).isEqualTo(NtpTime.of(now));
        assertThat(sr.reports()).as("a received nothing").isEmpty();
        assertThat(fromA.get(1)).isEqualTo(SourceDescription.cname(0xAAAA, "alice-cname"));

        advance(10);
        assertThat(b.onRtcp(wire(fromA)).isSuccess()).isTrue();
        advance(200);
        List<RtcpPacket> fromB = b.report(0, 0, false);
        assertThat(fromB.get(0)).isInstanceOf(ReceiverReport.class);
        ReportBlock block = ((ReceiverReport) fromB.get(0)).reports().get(0);
        assertThat(block.ssrc()).isEqualTo(0xAAAA);
        assertThat(block.lastSr()).isEqualTo(NtpTime.middle32(sr.ntpTimestamp()));
        assertThat(block.delaySinceLastSr()).isEqualTo(200 * 65536 / 1000);
        assertThat(block.extendedHighestSequence()).isEqualTo(56);
        assertThat(block.cumulativeLost()).isZero();

        advance(15);
        assertThat(a.onRtcp(wire(fromB)).isSuccess()).isTrue();
        StreamQuality q = a.quality();
        assertThat(q.farEndReported()).isTrue();
        assertThat(q.farEndFractionLost()).isZero();
        assertThat(q.farEndPacketsLost()).isZero();
        assertThat(q.roundTripMs()).as("10 ms there + 15 ms back").isCloseTo(25.0, within(0.1));
        assertThat(q.farEndCname()).isEqualTo("bob-cname");

        StreamQuality atB = b.quality();
        assertThat(atB.packetsReceived()).as("the first packet was probation (§A.1)").isEqualTo(49);
        assertThat(atB.packetsLost()).isZero();
        assertThat(atB.jitterMs()).isZero();
        assertThat(atB.farEndCname()).isEqualTo("alice-cname");
        assertThat(atB.hasRoundTrip()).as("b sent no RTP, so a cannot report on it").isFalse();
    }

    @Test
    void senderReportWhileWeSentWithinTheLastTwoIntervalsThenReceiverReport() {
        a.onSent(0, true);
        assertThat(a.report(1, 160, false).get(0)).isInstanceOf(SenderReport.class);
        assertThat(a.report(1, 160, false).get(0)).as("sent since the report before last").isInstanceOf(SenderReport.class);
        assertThat(a.report(1, 160, false).get(0)).isInstanceOf(ReceiverReport.class);
    }

    @Test
    void theSrTimestampIsExtrapolatedFromSampledSendTimesAndResampledOnAMarker() {
        a.onSent(5000, false);
        nanos += 100 * MS;
        assertThat(((SenderReport) a.report(1, 160, false).get(0)).rtpTimestamp()).isEqualTo(5000 + 800);
        for (int i = 1; i < RtcpReporter.SEND_SAMPLE_EVERY; i++) {
            a.onSent(5000 + 160L * i, false);
        }
        assertThat(((SenderReport) a.report(64, 64 * 160, false).get(0)).rtpTimestamp()).as("no new sample yet").isEqualTo(5800);
        // a re-anchored stream (marker bit): its timestamps jumped, so the clock is read again
        a.onSent(90_000, true);
        nanos += 20 * MS;
        assertThat(((SenderReport) a.report(65, 65 * 160, false).get(0)).rtpTimestamp()).isEqualTo(90_000 + 160);
    }

    @Test
    void byeIsReportedAndMalformedPacketsChangeNothing() {
        List<RtcpPacket> bye = a.report(0, 0, true);
        assertThat(bye).hasSize(3);
        assertThat(bye.get(2)).isEqualTo(new Bye(List.of(0xAAAAL), ""));
        ByteBuf junk = Unpooled.wrappedBuffer(new byte[] {(byte) 0x81, (byte) 201, 0, 1, 0, 0, 0, 1});
        assertThat(b.onRtcp(junk).reason()).startsWith("RR with 1 report blocks");
        assertThat(b.quality()).isEqualTo(StreamQuality.NONE);
        assertThat(b.onRtcp(wire(bye)).isSuccess()).isTrue();
        assertThat(b.quality().farEndBye()).isTrue();
    }

    @Test
    void farEndJitterIsConvertedWithOurClockRate() {
        a.setClockRate(16000);
        ByteBuf rr = wire(List.of(new ReceiverReport(0xBBBB, List.of(new ReportBlock(0xAAAA, 64, 12, 100, 320, 0, 0)))));
        assertThat(a.onRtcp(rr).isSuccess()).isTrue();
        assertThat(a.quality().farEndJitterMs()).isEqualTo(20.0);
        assertThat(a.quality().farEndFractionLost()).isEqualTo(0.25);
        assertThat(a.quality().farEndPacketsLost()).isEqualTo(12);
        assertThat(a.quality().hasRoundTrip()).isFalse();
    }
}
