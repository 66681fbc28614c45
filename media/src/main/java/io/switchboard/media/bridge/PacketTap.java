package io.switchboard.media.bridge;

import io.switchboard.media.codec.PayloadType;

/**
 * Sees the audio packets a leg sends us (for recording, later speech recognition), before any jitter
 * buffering: the consumer reorders and paces them itself. Called on the media event loop that reads the
 * leg's socket, so it must only hand the packet on (to a lane), never block.
 */
@FunctionalInterface
public interface PacketTap {
    /**
     * @param from         the leg the packet came from
     * @param codec        the leg's negotiated audio codec (the payload's format)
     * @param ssrc         the packet's SSRC
     * @param sequence     its sequence number
     * @param timestamp    its RTP timestamp
     * @param payload      a private copy of the payload
     * @param arrivalNanos when it arrived ({@link System#nanoTime()})
     */
    void onPacket(Side from, PayloadType codec, long ssrc, int sequence, long timestamp, byte[] payload, long arrivalNanos);
}
