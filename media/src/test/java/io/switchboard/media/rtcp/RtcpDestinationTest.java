package io.switchboard.media.rtcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class RtcpDestinationTest {
    private static final InetSocketAddress RTP = new InetSocketAddress("127.0.0.1", 40000);
    private static final InetSocketAddress SDP = new InetSocketAddress("127.0.0.1", 41111);
    private static final InetSocketAddress NAT = new InetSocketAddress("127.0.0.1", 52222);

    @Test
    void rtpPortPlusOneThenSdpThenTheLatchedSource() {
        RtcpDestination d = new RtcpDestination(true);
        assertThat(d.resolve(null)).isNull();
        assertThat(d.resolve(RTP)).isEqualTo(new RtcpDestination.Target(new InetSocketAddress("127.0.0.1", 40001), false));
        d.setFromSdp(SDP);
        assertThat(d.resolve(RTP)).isEqualTo(new RtcpDestination.Target(SDP, false));
        assertThat(d.onValidPacket(NAT, true)).isTrue();
        assertThat(d.onValidPacket(SDP, false)).as("latches once").isFalse();
        assertThat(d.resolve(RTP)).isEqualTo(new RtcpDestination.Target(NAT, true));
        assertThat(d.accepts(NAT)).isTrue();
        assertThat(d.accepts(SDP)).isFalse();
        d.unlatch();
        assertThat(d.accepts(SDP)).isTrue();
        assertThat(d.resolve(RTP).address()).isEqualTo(SDP);
    }

    @Test
    void withoutSymmetricRtpNothingLatchesAndAnySourceIsAccepted() {
        RtcpDestination d = new RtcpDestination(false);
        assertThat(d.onValidPacket(NAT, false)).isFalse();
        assertThat(d.accepts(SDP)).isTrue();
        assertThat(d.resolve(RTP).address().getPort()).isEqualTo(40001);
        assertThat(d.resolve(new InetSocketAddress("127.0.0.1", 65535))).isNull();
    }
}
