package io.switchboard.media.play;

import io.switchboard.media.codec.AudioCodec;
import io.switchboard.media.codec.PcmFrame;
import java.time.Duration;

/**
 * A prompt already encoded for one codec: one RTP payload per 20 ms frame. This is what
 * {@link PromptCache} keeps, because encoding (Opus above all) costs far more than sending, and an
 * announcement is played again and again. Immutable: {@link #payload} hands out copies.
 */
public final class EncodedPrompt {
    private final String codec;
    private final byte[][] payloads;
    private final long bytes;

    private EncodedPrompt(String codec, byte[][] payloads, long bytes) {
        this.codec = codec;
        this.payloads = payloads;
        this.bytes = bytes;
    }

    /**
     * Encodes every frame of {@code prompt} with {@code encoder}, a fresh instance for this one pass
     * (stateful codecs carry state from frame to frame).
     *
     * @param codec the name the payloads are for, e.g. the rtpmap {@code PCMU/8000}
     */
    public static EncodedPrompt encode(Prompt prompt, String codec, AudioCodec encoder) {
        byte[][] payloads = new byte[prompt.size()][];
        long bytes = 0;
        for (int i = 0; i < payloads.length; i++) {
            payloads[i] = encoder.encode(prompt.frames().get(i));
            bytes += payloads[i].length;
        }
        return new EncodedPrompt(codec, payloads, bytes);
    }

    public String codec() {
        return codec;
    }

    public int size() {
        return payloads.length;
    }

    /** A copy of the payload of frame {@code i}. */
    public byte[] payload(int i) {
        return payloads[i].clone();
    }

    /** Total payload bytes, the measure {@link PromptCache} bounds. */
    public long bytes() {
        return bytes;
    }

    public Duration duration() {
        return Duration.ofMillis((long) payloads.length * PcmFrame.DURATION_MS);
    }
}
