package io.switchboard.media.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import com.sun.jna.ptr.PointerByReference;
import java.nio.ByteBuffer;
import java.nio.IntBuffer;
import java.nio.ShortBuffer;
import io.switchboard.testkit.ToneAnalysis;
import org.junit.jupiter.api.Test;
import tomp2p.opuswrapper.Opus;

/** Round trips through the real libopus bundled with opus-java. */
class OpusCodecTest {
    private static final int FRAMES = 50;
    /** Frames skipped before measuring: the encoder's look-ahead and rate control settle first. */
    private static final int SETTLE_FRAMES = 10;
    private static final double AMPLITUDE = 8000;

    @Test
    void thousandHertzSurvivesWithItsFrequencyAndLevel() {
        assertSineRoundTrip(1000);
    }

    @Test
    void fourFortyHertzSurvivesWithItsFrequencyAndLevel() {
        assertSineRoundTrip(440);
    }

    @Test
    void fullbandStereoFromThePeerDecodesToNarrowbandMono() {
        // What a softphone sends for opus/48000/2: 48 kHz stereo, 960 samples per channel per 20 ms.
        Opus opus = OpusNative.library();
        IntBuffer error = IntBuffer.allocate(1);
        PointerByReference peer = opus.opus_encoder_create(48000, 2, Opus.OPUS_APPLICATION_AUDIO, error);
        assertThat(error.get(0)).isEqualTo(Opus.OPUS_OK);
        short[] decoded = new short[FRAMES * PcmFrame.SAMPLES];
        try (OpusCodec codec = new OpusCodec()) {
            ShortBuffer pcm = ShortBuffer.allocate(960 * 2);
            ByteBuffer packet = ByteBuffer.allocate(1275);
            for (int f = 0; f < FRAMES; f++) {
                for (int i = 0; i < 960; i++) {
                    short s = (short) Math.round(AMPLITUDE * Math.sin(2 * Math.PI * 1000 * (f * 960 + i) / 48000.0));
                    pcm.put(2 * i, s).put(2 * i + 1, s);
                }
                int n = opus.opus_encode(peer, pcm, 960, packet, packet.capacity());
                assertThat(n).isPositive();
                byte[] payload = new byte[n];
                packet.get(0, payload);
                codec.decode(payload).copyTo(decoded, f * PcmFrame.SAMPLES);
            }
            assertThat(codec.corruptPayloads()).isZero();
        } finally {
            opus.opus_encoder_destroy(peer);
        }
        int from = SETTLE_FRAMES * PcmFrame.SAMPLES;
        assertThat(dominantFrequency(decoded, from, decoded.length - from)).isCloseTo(1000, offset(20.0));
    }

    @Test
    void rtpSideFollowsRfc7587() {
        try (OpusCodec codec = new OpusCodec()) {
            assertThat(codec.payloadType()).isEqualTo(PayloadType.OPUS);
            assertThat(codec.payloadType().rtpmap()).isEqualTo("opus/48000/2");
            assertThat(codec.payloadType().number()).isEqualTo(111);
            assertThat(codec.timestampIncrement()).isEqualTo(960);
            byte[] payload = codec.encode(sineFrame(1000, 0));
            // 16 kb/s for 20 ms is 40 bytes on average; VBR varies around it.
            assertThat(payload.length).isBetween(2, 120);
        }
    }

    @Test
    void concealmentGivesAFullFrameAfterAudioAndBeforeAnyPacket() {
        try (OpusCodec codec = new OpusCodec()) {
            assertThat(codec.conceal().samples()).hasSize(PcmFrame.SAMPLES);
            for (int i = 0; i < 5; i++) {
                codec.decode(codec.encode(sineFrame(440, i)));
            }
            PcmFrame concealed = codec.conceal();
            assertThat(concealed.samples()).hasSize(PcmFrame.SAMPLES);
            assertThat(rms(concealed.samples(), 0, PcmFrame.SAMPLES)).as("PLC continues the tone").isGreaterThan(100);
        }
    }

    @Test
    void corruptPayloadGivesSilenceAndIsCounted() {
        try (OpusCodec codec = new OpusCodec()) {
            // TOC code 3 (RFC 6716 §3.2.5) with a frame count of zero: never valid.
            assertThat(codec.decode(new byte[] {0x03, 0x00})).isEqualTo(PcmFrame.silence());
            assertThat(codec.decode(new byte[0])).isEqualTo(PcmFrame.silence());
            assertThat(codec.corruptPayloads()).isEqualTo(2);
            // The decoder is still usable afterwards.
            assertThat(codec.decode(codec.encode(sineFrame(1000, 0))).samples()).hasSize(PcmFrame.SAMPLES);
            assertThat(codec.corruptPayloads()).isEqualTo(2);
        }
    }

    @Test
    void closeIsIdempotentAndUseAfterCloseFails() {
        OpusCodec codec = new OpusCodec();
        codec.close();
        codec.close();
        assertThatThrownBy(() -> codec.encode(PcmFrame.silence())).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> codec.decode(new byte[] {1})).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(codec::conceal).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void factoryGivesACodecPerNegotiatedType() {
        assertThat(Codecs.forPayloadType(PayloadType.PCMU)).isEqualTo(G711Codec.PCMU);
        assertThat(Codecs.forPayloadType(new PayloadType(8, "PCMA", 8000, 1))).isEqualTo(G711Codec.PCMA);
        AudioCodec a = Codecs.forPayloadType(new PayloadType(96, "OPUS", 48000, 2));
        AudioCodec b = Codecs.forPayloadType(PayloadType.OPUS);
        try {
            assertThat(a).isInstanceOf(OpusCodec.class).isNotSameAs(b);
        } finally {
            ((OpusCodec) a).close();
            ((OpusCodec) b).close();
        }
        assertThatThrownBy(() -> Codecs.forPayloadType(new PayloadType(18, "G729", 8000, 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("G729/8000");
    }

    @Test
    void warmCostPerFrameIsPrinted() {
        int warmup = 500;
        int measured = 1000;
        long encodeNanos = 0;
        long decodeNanos = 0;
        try (OpusCodec codec = new OpusCodec()) {
            for (int f = 0; f < warmup + measured; f++) {
                PcmFrame in = sineFrame(440, f);
                long t0 = System.nanoTime();
                byte[] payload = codec.encode(in);
                long t1 = System.nanoTime();
                codec.decode(payload);
                long t2 = System.nanoTime();
                if (f >= warmup) {
                    encodeNanos += t1 - t0;
                    decodeNanos += t2 - t1;
                }
            }
        }
        System.out.printf("opus warm: encode %.1f µs/frame, decode %.1f µs/frame (%d frames after %d warm-up)%n",
                encodeNanos / 1e3 / measured, decodeNanos / 1e3 / measured, measured, warmup);
    }

    private static void assertSineRoundTrip(double hz) {
        short[] decoded = new short[FRAMES * PcmFrame.SAMPLES];
        long encodeNanos = 0;
        long decodeNanos = 0;
        try (OpusCodec codec = new OpusCodec()) {
            for (int f = 0; f < FRAMES; f++) {
                PcmFrame in = sineFrame(hz, f);
                long t0 = System.nanoTime();
                byte[] payload = codec.encode(in);
                long t1 = System.nanoTime();
                PcmFrame out = codec.decode(payload);
                long t2 = System.nanoTime();
                if (f >= SETTLE_FRAMES) {
                    encodeNanos += t1 - t0;
                    decodeNanos += t2 - t1;
                }
                out.copyTo(decoded, f * PcmFrame.SAMPLES);
            }
        }
        int measured = FRAMES - SETTLE_FRAMES;
        System.out.printf("opus %.0f Hz: encode %.1f µs/frame, decode %.1f µs/frame (first %d frames, cold)%n",
                hz, encodeNanos / 1e3 / measured, decodeNanos / 1e3 / measured, measured);

        int from = SETTLE_FRAMES * PcmFrame.SAMPLES;
        int length = decoded.length - from;
        assertThat(dominantFrequency(decoded, from, length)).isCloseTo(hz, offset(20.0));
        double inputRms = AMPLITUDE / Math.sqrt(2);
        double levelDb = 20 * Math.log10(rms(decoded, from, length) / inputRms);
        assertThat(levelDb).as("level change in dB").isBetween(-3.0, 3.0);
    }

    private static PcmFrame sineFrame(double hz, int frameIndex) {
        short[] pcm = new short[PcmFrame.SAMPLES];
        for (int i = 0; i < pcm.length; i++) {
            int n = frameIndex * PcmFrame.SAMPLES + i;
            pcm[i] = (short) Math.round(AMPLITUDE * Math.sin(2 * Math.PI * hz * n / PcmFrame.SAMPLE_RATE));
        }
        return PcmFrame.of(pcm);
    }

    /** The strongest frequency between 100 and 3900 Hz (5 Hz steps). */
    private static double dominantFrequency(short[] pcm, int from, int length) {
        return ToneAnalysis.dominantFrequency(java.util.Arrays.copyOfRange(pcm, from, from + length), PcmFrame.SAMPLE_RATE, 100, 3900);
    }

    private static double rms(short[] pcm, int from, int length) {
        double sum = 0;
        for (int i = from; i < from + length; i++) {
            sum += (double) pcm[i] * pcm[i];
        }
        return Math.sqrt(sum / length);
    }
}
