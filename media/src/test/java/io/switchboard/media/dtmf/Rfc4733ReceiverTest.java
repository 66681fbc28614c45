package io.switchboard.media.dtmf;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.media.rtp.RtpPacket;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class Rfc4733ReceiverTest {
    private static final int PT = 101;
    private final List<DtmfPress> presses = new ArrayList<>();
    private final Rfc4733Receiver receiver = new Rfc4733Receiver(presses::add);
    private int seq = 100;

    private RtpPacket event(long ssrc, long ts, int digit, boolean end, int duration) {
        return RtpPacket.of(!end && duration == 160, PT, seq++, ts, ssrc,
                new TelephoneEvent(digit, end, 10, duration).toBytes());
    }

    /** What a phone sends for one press (RFC 4733 §2.5.1): updates every 20 ms, then the end three times. */
    private void press(long ssrc, long ts, int digit, int updates) {
        for (int i = 1; i <= updates; i++) {
            receiver.onPacket(event(ssrc, ts, digit, false, 160 * i));
        }
        for (int i = 0; i < 3; i++) {
            receiver.onPacket(event(ssrc, ts, digit, true, 160 * updates + 160));
        }
    }

    @Test
    void onePressPerEventDespiteUpdatesAndTripleEnd() {
        press(1, 8000, 1, 5);
        press(1, 16000, 2, 3);
        press(1, 24000, 2, 3);
        assertThat(presses).extracting(p -> p.digit().symbol()).containsExactly('1', '2', '2');
        assertThat(presses.get(0).durationUnits()).isEqualTo(960);
        assertThat(presses.get(0).rtpTimestamp()).isEqualTo(8000);
        assertThat(receiver.ignored()).isEqualTo(6);
    }

    @Test
    void lostEndPacketsStillGiveOnePress() {
        receiver.onPacket(event(1, 1000, 9, false, 160));
        receiver.onPacket(event(1, 1000, 9, false, 320));
        press(1, 5000, 4, 2);
        assertThat(presses).extracting(p -> p.digit().symbol()).containsExactly('9', '4');
        assertThat(presses.get(0).durationUnits()).isEqualTo(320);
        receiver.onPacket(event(1, 9000, 11, false, 160));
        receiver.flush();
        receiver.flush();
        assertThat(presses).extracting(p -> p.digit().symbol()).containsExactly('9', '4', '#');
    }

    @Test
    void lateAndReorderedPacketsOfAReportedEventAreIgnored() {
        press(1, 1000, 3, 2);
        receiver.onPacket(event(1, 2000, 5, false, 160));
        receiver.onPacket(event(1, 1000, 3, true, 480)); // a retransmitted end of '3' arrives late
        receiver.onPacket(event(1, 1000, 3, false, 320)); // and a reordered update of '3'
        receiver.onPacket(event(1, 2000, 5, true, 320));
        assertThat(presses).extracting(p -> p.digit().symbol()).containsExactly('3', '5');
    }

    @Test
    void anOnlyEndPacketIsAPressAndANewSsrcStartsAfresh() {
        receiver.onPacket(event(1, 1000, 0, true, 800));
        receiver.onPacket(event(2, 1000, 0, true, 800));
        assertThat(presses).extracting(p -> p.digit().symbol()).containsExactly('0', '0');
    }

    @Test
    void redundantPacketsReportEachEventOnce() {
        // RFC 4733 §2.5.1.5 with RFC 2198: each packet carries the previous event's end block too.
        byte[] end7 = new TelephoneEvent(7, true, 10, 800).toBytes();
        byte[] start8 = new TelephoneEvent(8, false, 10, 160).toBytes();
        byte[] end8 = new TelephoneEvent(8, true, 10, 480).toBytes();
        receiver.onRedundantPacket(RtpPacket.of(false, 99, 1, 1000, 1, red(0, 0, null, end7)), PT);
        receiver.onRedundantPacket(RtpPacket.of(false, 99, 2, 2000, 1, red(PT, 1000, end7, start8)), PT);
        receiver.onRedundantPacket(RtpPacket.of(false, 99, 3, 2000, 1, red(PT, 0, start8, end8)), PT);
        receiver.onRedundantPacket(RtpPacket.of(false, 99, 4, 2000, 1, red(PT, 0, end8, end8)), PT);
        assertThat(presses).extracting(p -> p.digit().symbol()).containsExactly('7', '8');
        receiver.onRedundantPacket(RtpPacket.of(false, 99, 5, 2000, 1, new byte[] {(byte) 0xE5, 0}), PT);
        receiver.onPacket(RtpPacket.of(false, PT, 6, 3000, 1, new byte[] {1}));
        assertThat(receiver.malformed()).isEqualTo(2);
    }

    /** An RFC 2198 payload: one optional redundant block (offset, data), then the primary block. */
    private static byte[] red(int redundantPt, int offset, byte[] redundant, byte[] primary) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (redundant != null) {
            out.write(0x80 | redundantPt);
            out.write(offset >> 6);
            out.write(((offset & 0x3F) << 2) | (redundant.length >> 8));
            out.write(redundant.length & 0xFF);
        }
        out.write(PT);
        if (redundant != null) {
            out.writeBytes(redundant);
        }
        out.writeBytes(primary);
        return out.toByteArray();
    }
}
