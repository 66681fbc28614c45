package io.switchboard.media.sdp;

import io.switchboard.media.codec.PayloadType;

/**
 * What an offer/answer exchange settled for the audio stream, for configuring the RTP session.
 *
 * @param codec           the audio codec, with the payload type number both sides use
 * @param telephoneEvent  telephone-event with its negotiated number, or null when not negotiated
 * @param remoteAddress   the far end's RTP address from {@code c=} (may be 0.0.0.0 for old-style hold)
 * @param remotePort      the far end's RTP port from {@code m=}
 * @param direction       our direction (what we do): send only if {@code direction.sends()}
 * @param remotePtimeMs   the far end's {@code a=ptime}, or 20 when it gave none
 */
public record NegotiatedMedia(PayloadType codec, PayloadType telephoneEvent, String remoteAddress, int remotePort,
                              MediaDirection direction, int remotePtimeMs) {
}
