package io.switchboard.media.dtmf;

import io.switchboard.media.rtp.DecodeResult;

/**
 * The RFC 4733 §2.3 named-event payload.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |     event     |E|R| volume    |          duration             |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * @param event    event code (0–15 are DTMF, see {@link DtmfDigit})
 * @param end      the E bit: this packet reports the end of the event (sent three times, §2.5.1.4)
 * @param volume   power level in −dBm0, 0–63
 * @param duration duration so far in RTP timestamp units (0–65535)
 */
public record TelephoneEvent(int event, boolean end, int volume, int duration) {
    /** Octets of one event block. */
    public static final int LENGTH = 4;

    public TelephoneEvent {
        if (event < 0 || event > 255 || volume < 0 || volume > 63 || duration < 0 || duration > 0xFFFF) {
            throw new IllegalArgumentException("telephone-event field out of range");
        }
    }

    /** Parses a payload; longer payloads are accepted and the first block read (be liberal). */
    public static DecodeResult<TelephoneEvent> parse(byte[] payload) {
        if (payload.length < LENGTH) {
            return DecodeResult.failure("telephone-event payload is " + payload.length + " octets, needs 4", 0);
        }
        int event = payload[0] & 0xFF;
        boolean end = (payload[1] & 0x80) != 0;
        int volume = payload[1] & 0x3F;
        int duration = (payload[2] & 0xFF) << 8 | (payload[3] & 0xFF);
        return DecodeResult.success(new TelephoneEvent(event, end, volume, duration));
    }

    /** The 4-octet payload (R bit zero). */
    public byte[] toBytes() {
        return new byte[] {(byte) event, (byte) ((end ? 0x80 : 0) | volume), (byte) (duration >> 8), (byte) duration};
    }

    /** The DTMF digit, or null for a non-DTMF event. */
    public DtmfDigit digit() {
        return DtmfDigit.fromEvent(event);
    }
}
