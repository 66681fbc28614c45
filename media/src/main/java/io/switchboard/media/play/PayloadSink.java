package io.switchboard.media.play;

/**
 * Where a {@link Player} sends pre-encoded payloads of an {@link EncodedPrompt}, one per tick.
 * A {@link io.switchboard.media.endpoint.MediaEndpoint} only takes PCM (it encodes itself), so
 * cached payloads go straight to the RTP stream instead, e.g. for an {@code RtpSession} whose codec
 * matches the prompt's:
 * <pre>{@code payload -> session.sendPacket(session.sender().nextFrame(pt, payload, codec.timestampIncrement()))}</pre>
 * Called on the lane.
 */
@FunctionalInterface
public interface PayloadSink {
    void send(byte[] payload);
}
