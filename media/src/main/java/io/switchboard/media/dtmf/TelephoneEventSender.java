package io.switchboard.media.dtmf;

import io.switchboard.media.rtp.RtpPacket;
import io.switchboard.media.rtp.RtpSender;
import java.util.ArrayList;
import java.util.List;

/**
 * Sends one DTMF key as RFC 4733 events, paced by the 20 ms media tick (§2.5.1): the first packet carries
 * the marker bit, every packet carries the event's start timestamp and the duration so far, and the end
 * packet is sent three times (§2.5.1.4). When the event is over the stream's timestamp moves past it.
 * While an event is being sent the caller sends no audio on the same stream.
 *
 * <p>Not thread-safe: it runs on the stream's lane.
 */
public final class TelephoneEventSender {
    private static final int UNITS_PER_TICK = 160;
    private static final int END_REPEATS = 3;

    private final RtpSender sender;
    private final int payloadType;
    private final int volume;
    private DtmfDigit digit;
    private int totalUnits;
    private int sentUnits;
    private int endsSent;
    private boolean first;

    /**
     * @param sender      the stream the events belong to (same SSRC and sequence as the audio)
     * @param payloadType the negotiated telephone-event number
     * @param volume      the power level to report, −dBm0 (10 is typical)
     */
    public TelephoneEventSender(RtpSender sender, int payloadType, int volume) {
        this.sender = sender;
        this.payloadType = payloadType;
        this.volume = volume;
    }

    /** Starts sending {@code key} for {@code durationMs} (rounded up to whole 20 ms ticks). */
    public void start(DtmfDigit key, int durationMs) {
        if (isActive()) {
            throw new IllegalStateException("an event is already being sent");
        }
        this.digit = key;
        this.totalUnits = Math.max(1, (durationMs + 19) / 20) * UNITS_PER_TICK;
        this.sentUnits = 0;
        this.endsSent = 0;
        this.first = true;
    }

    /** True while packets remain to be sent. */
    public boolean isActive() {
        return digit != null;
    }

    /** The packets due at this 20 ms tick (one, or none when idle). */
    public List<RtpPacket> tick() {
        List<RtpPacket> out = new ArrayList<>(1);
        if (digit == null) {
            return out;
        }
        if (sentUnits < totalUnits) {
            sentUnits += UNITS_PER_TICK;
            boolean end = sentUnits >= totalUnits;
            out.add(packet(end));
            if (end) {
                endsSent = 1;
            }
        } else {
            out.add(packet(true));
            endsSent++;
        }
        if (endsSent == END_REPEATS) {
            sender.advance(totalUnits);
            sender.markNextPacket();
            digit = null;
        }
        return out;
    }

    private RtpPacket packet(boolean end) {
        byte[] payload = new TelephoneEvent(digit.event(), end, volume, Math.min(sentUnits, 0xFFFF)).toBytes();
        RtpPacket p = sender.packet(payloadType, payload, first);
        first = false;
        return p;
    }
}
