package io.switchboard.media.dtmf;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.media.rtp.RtpPacket;
import io.switchboard.media.rtp.RtpSender;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TelephoneEventSenderTest {

    @Test
    void sendsUpdatesThenTheEndThreeTimesAtOneTimestamp() {
        RtpSender stream = new RtpSender(0x1234, 10, 8000);
        stream.nextFrame(0, new byte[160], 160);
        TelephoneEventSender events = new TelephoneEventSender(stream, 101, 10);
        events.start(DtmfDigit.D7, 100);
        List<RtpPacket> sent = new ArrayList<>();
        while (events.isActive()) {
            sent.addAll(events.tick());
        }
        assertThat(sent).hasSize(7);
        assertThat(sent).extracting(RtpPacket::timestamp).containsOnly(8160L);
        assertThat(sent).extracting(RtpPacket::payloadType).containsOnly(101);
        assertThat(sent).extracting(RtpPacket::sequenceNumber).containsExactly(11, 12, 13, 14, 15, 16, 17);
        assertThat(sent.get(0).marker()).isTrue();
        assertThat(sent.get(1).marker()).isFalse();
        List<TelephoneEvent> te = new ArrayList<>();
        sent.forEach(p -> te.add(TelephoneEvent.parse(p.payload()).value()));
        assertThat(te).extracting(TelephoneEvent::duration).containsExactly(160, 320, 480, 640, 800, 800, 800);
        assertThat(te).extracting(TelephoneEvent::end).containsExactly(false, false, false, false, true, true, true);
        assertThat(events.tick()).isEmpty();
        // audio resumes after the event, marked as a new talkspurt
        RtpPacket next = stream.nextFrame(0, new byte[160], 160);
        assertThat(next.timestamp()).isEqualTo(8960);
        assertThat(next.marker()).isTrue();
    }

    @Test
    void theReceiverReportsExactlyWhatTheSenderSent() {
        RtpSender stream = new RtpSender(99, 0, 0);
        TelephoneEventSender events = new TelephoneEventSender(stream, 101, 10);
        List<DtmfPress> presses = new ArrayList<>();
        Rfc4733Receiver receiver = new Rfc4733Receiver(presses::add);
        for (char c : "4008001234#".toCharArray()) {
            events.start(DtmfDigit.fromSymbol(c), 80);
            while (events.isActive()) {
                events.tick().forEach(receiver::onPacket);
            }
        }
        StringBuilder got = new StringBuilder();
        presses.forEach(p -> got.append(p.digit().symbol()));
        assertThat(got).hasToString("4008001234#");
        assertThat(presses).extracting(DtmfPress::durationUnits).containsOnly(640);
    }
}
