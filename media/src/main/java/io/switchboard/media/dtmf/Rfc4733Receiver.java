package io.switchboard.media.dtmf;

import io.switchboard.media.rtp.DecodeResult;
import io.switchboard.media.rtp.RedundantBlock;
import io.switchboard.media.rtp.RtpPacket;
import java.util.List;
import java.util.function.Consumer;

/**
 * Turns a stream of RFC 4733 telephone-event packets into exactly one {@link DtmfPress} per key press.
 *
 * <p>An event is identified by its RTP timestamp (§2.5.1.1: all packets of one event carry its start
 * timestamp). A press is reported on its first end packet (§2.5.1.4: the end is sent three times; the
 * retransmissions are ignored). If every end packet is lost, the press is reported when the next event
 * starts or on {@link #flush()} (call it when the stream stops). The timestamps of the last reported events
 * are remembered, so retransmissions and late reordered packets of an event never report it twice. A new
 * SSRC starts afresh. Event codes above 15 (flash, fax tones) are ignored.
 *
 * <p>Not thread-safe: it runs on the lane of the RTP session that feeds it.
 */
public final class Rfc4733Receiver {
    private static final int REMEMBERED = 16;

    private final Consumer<DtmfPress> sink;
    private final long[] reported = new long[REMEMBERED];
    private int reportedCount;
    private int reportedNext;
    private long ssrc = -1;
    private boolean open;
    private long openTimestamp;
    private DtmfDigit openDigit;
    private int openDuration;
    private long malformed;
    private long ignored;

    public Rfc4733Receiver(Consumer<DtmfPress> sink) {
        this.sink = sink;
    }

    /** Feeds one packet whose payload type is the negotiated telephone-event number. */
    public void onPacket(RtpPacket packet) {
        receive(packet.ssrc(), packet.timestamp(), packet.payload());
    }

    /**
     * Feeds one RFC 2198 ({@code red}) packet; blocks whose payload type is {@code eventPayloadType} are
     * processed oldest first, so redundant copies of an already seen event change nothing.
     */
    public void onRedundantPacket(RtpPacket packet, int eventPayloadType) {
        DecodeResult<List<RedundantBlock>> blocks = RedundantBlock.split(packet);
        if (!blocks.isSuccess()) {
            malformed++;
            return;
        }
        for (RedundantBlock b : blocks.value()) {
            if (b.payloadType() == eventPayloadType) {
                receive(packet.ssrc(), b.timestamp(), b.payload());
            }
        }
    }

    /** Reports an event still open (its end packets were lost); call when the stream stops. */
    public void flush() {
        if (open) {
            report(openDigit, openTimestamp, openDuration);
        }
    }

    /** Payloads that were not valid telephone events. */
    public long malformed() {
        return malformed;
    }

    /** Packets that repeated an already reported event, or carried non-DTMF events. */
    public long ignored() {
        return ignored;
    }

    /** Feeds one telephone-event payload of stream {@code packetSsrc} with its RTP timestamp (the relay path). */
    public void receive(long packetSsrc, long timestamp, byte[] payload) {
        DecodeResult<TelephoneEvent> parsed = TelephoneEvent.parse(payload);
        if (!parsed.isSuccess()) {
            malformed++;
            return;
        }
        TelephoneEvent e = parsed.value();
        DtmfDigit digit = e.digit();
        if (digit == null) {
            ignored++;
            return;
        }
        if (packetSsrc != ssrc) {
            flush();
            ssrc = packetSsrc;
            reportedCount = 0;
            reportedNext = 0;
        }
        if (wasReported(timestamp)) {
            ignored++;
            return;
        }
        if (open && timestamp != openTimestamp) {
            flush();
        }
        if (e.end()) {
            report(digit, timestamp, e.duration());
            return;
        }
        if (!open) {
            open = true;
            openTimestamp = timestamp;
            openDigit = digit;
            openDuration = e.duration();
        } else {
            openDuration = Math.max(openDuration, e.duration());
        }
    }

    private void report(DtmfDigit digit, long timestamp, int duration) {
        open = false;
        reported[reportedNext] = timestamp;
        reportedNext = (reportedNext + 1) % REMEMBERED;
        reportedCount = Math.min(reportedCount + 1, REMEMBERED);
        sink.accept(new DtmfPress(digit, timestamp, duration));
    }

    private boolean wasReported(long timestamp) {
        for (int i = 0; i < reportedCount; i++) {
            if (reported[i] == timestamp) {
                return true;
            }
        }
        return false;
    }
}
