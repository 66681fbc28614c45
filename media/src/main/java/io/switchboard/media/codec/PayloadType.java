package io.switchboard.media.codec;

import java.util.Locale;

/**
 * An RTP payload type as negotiated in SDP: number, encoding name, clock rate and channels.
 *
 * <p>Static assignments come from RFC 3551 §6 (table 4): PCMU is 0 and PCMA is 8. telephone-event
 * (RFC 4733 §7.1.1) has no static number; it is bound to a dynamic number (96–127) by {@code a=rtpmap},
 * and the number chosen by the offerer is the one both sides use (RFC 3264 §6.1).
 *
 * @param number        the RTP PT field, 0–127
 * @param encodingName  the {@code a=rtpmap} encoding name, as registered (case-insensitive on the wire)
 * @param clockRate     the RTP timestamp clock, Hz
 * @param channels      audio channels (1 for G.711; 2 for Opus, which RFC 7587 §7 always declares as stereo)
 */
public record PayloadType(int number, String encodingName, int clockRate, int channels) {
    /** G.711 µ-law, RFC 3551 §4.5.14, static payload type 0. */
    public static final PayloadType PCMU = new PayloadType(0, "PCMU", 8000, 1);
    /** G.711 A-law, RFC 3551 §4.5.14, static payload type 8. */
    public static final PayloadType PCMA = new PayloadType(8, "PCMA", 8000, 1);
    /**
     * Opus, RFC 7587 §7: always {@code opus/48000/2} in SDP, whatever rate and channel count the encoder
     * really uses, so the RTP clock is 48 kHz. 111 is the number most softphones and browsers pick; it is
     * only our default when we offer.
     */
    public static final PayloadType OPUS = new PayloadType(111, "opus", 48000, 2);
    /** The encoding name of RFC 4733 named telephone events (DTMF). */
    public static final String TELEPHONE_EVENT = "telephone-event";
    /** The dynamic payload type we offer for telephone-event/8000 (beside G.711) when we are the offerer. */
    public static final int DEFAULT_TELEPHONE_EVENT_NUMBER = 101;
    /** The dynamic payload type we offer for telephone-event/48000 (beside Opus) when we are the offerer. */
    public static final int DEFAULT_TELEPHONE_EVENT_48000_NUMBER = 110;

    public PayloadType {
        if (number < 0 || number > 127) {
            throw new IllegalArgumentException("RTP payload type must be 0..127: " + number);
        }
        if (clockRate <= 0 || channels <= 0) {
            throw new IllegalArgumentException("clock rate and channels must be positive");
        }
    }

    /** telephone-event at 8000 Hz bound to dynamic payload type {@code number}. */
    public static PayloadType telephoneEvent(int number) {
        return telephoneEvent(number, 8000);
    }

    /**
     * telephone-event at {@code clockRate} bound to {@code number}. RFC 4733 §2.1: events use the clock of
     * the audio codec they accompany, so Opus streams carry {@code telephone-event/48000}.
     */
    public static PayloadType telephoneEvent(int number, int clockRate) {
        return new PayloadType(number, TELEPHONE_EVENT, clockRate, 1);
    }

    /** True for the RFC 3551 static assignment range (0–95): the number alone identifies the codec. */
    public boolean isStatic() {
        return number < 96;
    }

    /** True when this is an RFC 4733 telephone-event payload. */
    public boolean isTelephoneEvent() {
        return TELEPHONE_EVENT.equalsIgnoreCase(encodingName);
    }

    /** True when both describe the same codec (name, clock, channels), whatever the number. */
    public boolean sameCodecAs(PayloadType other) {
        return encodingName.equalsIgnoreCase(other.encodingName) && clockRate == other.clockRate
                && channels == other.channels;
    }

    /** The {@code a=rtpmap} value after the number: {@code PCMU/8000} (channels only when not 1). */
    public String rtpmap() {
        return encodingName + "/" + clockRate + (channels == 1 ? "" : "/" + channels);
    }

    /** The static codec for a number from RFC 3551 table 4 that we support, or null. */
    public static PayloadType staticType(int number) {
        if (number == PCMU.number) {
            return PCMU;
        }
        if (number == PCMA.number) {
            return PCMA;
        }
        return null;
    }

    @Override
    public String toString() {
        return number + " " + rtpmap().toLowerCase(Locale.ROOT);
    }
}
