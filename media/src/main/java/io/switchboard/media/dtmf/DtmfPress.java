package io.switchboard.media.dtmf;

/**
 * One key press reported by a DTMF detector.
 *
 * @param digit         the key
 * @param rtpTimestamp  the RTP timestamp the event started at (RFC 4733), or the sample index at which
 *                      an in-band detector first saw the tone
 * @param durationUnits how long it lasted, in 8 kHz sample units (as far as known)
 */
public record DtmfPress(DtmfDigit digit, long rtpTimestamp, int durationUnits) {
}
