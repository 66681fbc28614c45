package io.switchboard.media.jitter;

import io.switchboard.media.codec.PcmFrame;
import java.time.Duration;

/**
 * Limits of one {@link JitterBuffer}.
 *
 * @param unitsPerFrame RTP timestamp units in one 20 ms frame: 160 for 8 kHz codecs, 960 for Opus (RFC 7587)
 * @param minDelay      the least buffering the target may shrink to; at least one frame
 * @param maxDelay      the most buffering the target may grow to, however bad the jitter
 * @param maxPackets    how many packets the buffer holds before it drops the oldest; also the distance
 *                      (in frames) beyond which a timestamp counts as a jump rather than jitter
 */
public record JitterBufferConfig(int unitsPerFrame, Duration minDelay, Duration maxDelay, int maxPackets) {
    /** Default lower bound: one frame. */
    public static final Duration DEFAULT_MIN_DELAY = Duration.ofMillis(PcmFrame.DURATION_MS);
    /** Default upper bound: beyond ~200 ms of buffering a conversation starts to feel like a satellite hop. */
    public static final Duration DEFAULT_MAX_DELAY = Duration.ofMillis(200);
    /** Default capacity: 640 ms of audio, three times the default maximum delay plus room for reordering. */
    public static final int DEFAULT_MAX_PACKETS = 32;

    public JitterBufferConfig {
        if (unitsPerFrame <= 0) {
            throw new IllegalArgumentException("unitsPerFrame must be positive: " + unitsPerFrame);
        }
        if (minDelay.toMillis() < PcmFrame.DURATION_MS || maxDelay.compareTo(minDelay) < 0) {
            throw new IllegalArgumentException("need 20ms <= minDelay <= maxDelay, got " + minDelay + ".." + maxDelay);
        }
        if (maxPackets <= frames(maxDelay)) {
            throw new IllegalArgumentException("maxPackets " + maxPackets + " cannot hold maxDelay " + maxDelay);
        }
    }

    /** Defaults (20–200 ms, 32 packets) for a codec with {@code unitsPerFrame} timestamp units per frame. */
    public static JitterBufferConfig forUnitsPerFrame(int unitsPerFrame) {
        return new JitterBufferConfig(unitsPerFrame, DEFAULT_MIN_DELAY, DEFAULT_MAX_DELAY, DEFAULT_MAX_PACKETS);
    }

    /** The RTP clock rate implied by the frame size, Hz. */
    public int clockRate() {
        return unitsPerFrame * 1000 / PcmFrame.DURATION_MS;
    }

    int minFrames() {
        return frames(minDelay);
    }

    int maxFrames() {
        return frames(maxDelay);
    }

    /** Whole frames covering {@code d}, rounded up. */
    private static int frames(Duration d) {
        return (int) ((d.toMillis() + PcmFrame.DURATION_MS - 1) / PcmFrame.DURATION_MS);
    }
}
