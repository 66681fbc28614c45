package io.switchboard.media.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class RtpSenderTest {

    @Test
    void sequenceAndTimestampAdvanceAndWrap() {
        RtpSender s = new RtpSender(0xCAFEL, 65534, 0xFFFFFF00L);
        RtpPacket a = s.nextFrame(0, new byte[160], 160);
        RtpPacket b = s.nextFrame(0, new byte[160], 160);
        RtpPacket c = s.nextFrame(0, new byte[160], 160);
        assertThat(a.marker()).as("first packet starts a talkspurt").isTrue();
        assertThat(b.marker()).isFalse();
        assertThat(new int[] {a.sequenceNumber(), b.sequenceNumber(), c.sequenceNumber()})
                .containsExactly(65534, 65535, 0);
        assertThat(new long[] {a.timestamp(), b.timestamp(), c.timestamp()})
                .containsExactly(0xFFFFFF00L, 0xFFFFFFA0L, 0x40L);
        assertThat(a.ssrc()).isEqualTo(0xCAFEL);
    }

    @Test
    void eventPacketsShareATimestampAndMarkerCanBeRequested() {
        RtpSender s = new RtpSender(1, 0, 1000);
        s.nextFrame(0, new byte[160], 160);
        s.markNextPacket();
        RtpPacket e1 = s.packet(101, new byte[4], false);
        RtpPacket e2 = s.packet(101, new byte[4], false);
        assertThat(e1.marker()).isTrue();
        assertThat(e2.marker()).isFalse();
        assertThat(e1.timestamp()).isEqualTo(1160).isEqualTo(e2.timestamp());
        assertThat(e2.sequenceNumber()).isEqualTo(2);
    }

    @Test
    void initialValuesComeFromTheInjectedRandomSource() {
        RtpSender a = new RtpSender(RandomGenerator.of("L64X128MixRandom"));
        RtpSender b = new RtpSender(new java.util.SplittableRandom(42));
        RtpSender c = new RtpSender(new java.util.SplittableRandom(42));
        assertThat(b.ssrc()).isEqualTo(c.ssrc());
        assertThat(b.nextSequence()).isEqualTo(c.nextSequence()).isBetween(0, 65535);
        assertThat(a.timestamp()).isBetween(0L, 0xFFFFFFFFL);
    }
}
