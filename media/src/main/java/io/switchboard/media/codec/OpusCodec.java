package io.switchboard.media.codec;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.IntBuffer;
import java.nio.ShortBuffer;
import tomp2p.opuswrapper.Opus;

/**
 * Opus (RFC 6716) over RTP as RFC 7587 describes it, working on our 8 kHz {@link PcmFrame}s.
 *
 * <p>Why 8 kHz inside: the rest of the media path (DTMF detection, G.711 bridges, recording, ASR) runs
 * on narrowband frames, and libopus encodes and decodes at 8000 Hz natively, so no resampler is needed.
 * The wire still says {@code opus/48000/2} and the RTP clock still runs at 48 kHz (RFC 7587 §4.1), hence
 * 960 timestamp units per 20 ms frame. A mono 8 kHz decoder also accepts stereo or fullband packets from
 * the peer: libopus down-mixes and resamples them.
 *
 * <p>Encoder settings: VOIP application (SILK for narrowband speech), {@value #BITRATE_BPS} b/s VBR, in-band
 * FEC off (we offer {@code useinbandfec=0}; loss is handled by the jitter buffer and {@link #conceal()}), and
 * complexity {@value #DEFAULT_COMPLEXITY} unless {@code media.opus.complexity} says otherwise. A transcoding
 * gateway spends most of its CPU in {@code opus_encode}: measured here for a 20 ms narrowband frame, about
 * 40 us at complexity 0, 45-70 at 2, 85 at 5 and 140 at 10 (libopus's own default, which Asterisk and
 * FreeSWITCH keep). Not 0 by default: in the baresip end-to-end test a 1 kHz tone transcoded to an Opus
 * phone arrived 2.5 dB quieter at 0 than at 2 (-20.9 against -18.4 dBFS for -15 sent).
 *
 * <p>Unlike G.711, Opus keeps state between frames: use one instance per stream on one thread, and
 * {@link #close()} it to free the native encoder and decoder. A payload libopus rejects does not throw:
 * it yields a silent frame and is counted in {@link #corruptPayloads()}, since it is the peer's mistake.
 */
public final class OpusCodec implements AudioCodec, AutoCloseable {
    /** Target bitrate: narrowband speech is transparent well below this. */
    static final int BITRATE_BPS = 16_000;
    /** The encoder complexity ({@code media.opus.complexity}) when nothing is configured; see the class comment. */
    public static final int DEFAULT_COMPLEXITY = 2;
    private static volatile int configuredComplexity = DEFAULT_COMPLEXITY;
    private static final int CHANNELS = 1;
    /** RFC 6716 §3.4 [R2]: no single Opus frame is longer than this. */
    private static final int MAX_PACKET_BYTES = 1275;
    /** RFC 6716 §3.2.5: a packet carries at most 120 ms, 960 samples at 8 kHz. */
    private static final int MAX_DECODED_SAMPLES = 960;
    /** Payloads up to an Ethernet MTU go through the direct path's buffer. */
    private static final int MAX_PAYLOAD_BYTES = 1500;

    private final Opus opus;
    private final PointerByReference encoder;
    private final PointerByReference decoder;
    private final ShortBuffer pcmIn = directShorts(PcmFrame.SAMPLES);
    private final ShortBuffer pcmOut = directShorts(MAX_DECODED_SAMPLES);
    private final ByteBuffer packet = ByteBuffer.allocateDirect(MAX_PACKET_BYTES);
    /** A received payload on its way into libopus (the direct path; a larger one takes the interface path). */
    private final ByteBuffer payloadIn = ByteBuffer.allocateDirect(MAX_PAYLOAD_BYTES);
    private final boolean direct = OpusDirect.available();
    private final Pointer pcmInAddress = Native.getDirectBufferPointer(pcmIn);
    private final Pointer pcmOutAddress = Native.getDirectBufferPointer(pcmOut);
    private final Pointer packetAddress = Native.getDirectBufferPointer(packet);
    private final Pointer payloadInAddress = Native.getDirectBufferPointer(payloadIn);
    private final short[] scratch = new short[PcmFrame.SAMPLES];
    private long corruptPayloads;
    private boolean closed;

    /** A fresh encoder (at the {@linkplain #configureComplexity configured complexity}) and decoder; loads libopus on first use. */
    public OpusCodec() {
        this(configuredComplexity);
    }

    /**
     * Sets the complexity of encoders created from now on without an explicit one: the process-wide
     * {@code media.opus.complexity}, set once at start-up, like the codec list.
     */
    public static void configureComplexity(int complexity) {
        checkComplexity(complexity);
        configuredComplexity = complexity;
    }

    /** Which libopus this process uses, e.g. {@code libopus 1.3.1 (system)}; loads it on the first call. */
    public static String library() {
        return OpusNative.description();
    }

    /** The complexity new encoders get by default. */
    public static int configuredComplexity() {
        return configuredComplexity;
    }

    private static void checkComplexity(int complexity) {
        if (complexity < 0 || complexity > 10) {
            throw new IllegalArgumentException("Opus complexity must be 0-10, not " + complexity);
        }
    }

    /**
     * A fresh encoder and decoder; loads libopus on first use.
     *
     * @param complexity the encoder's complexity, 0 (cheapest) to 10 (libopus's default)
     */
    public OpusCodec(int complexity) {
        checkComplexity(complexity);
        opus = OpusNative.library();
        IntBuffer error = IntBuffer.allocate(1);
        encoder = opus.opus_encoder_create(PcmFrame.SAMPLE_RATE, CHANNELS, Opus.OPUS_APPLICATION_VOIP, error);
        check(error.get(0), "opus_encoder_create");
        decoder = opus.opus_decoder_create(PcmFrame.SAMPLE_RATE, CHANNELS, error);
        if (error.get(0) != Opus.OPUS_OK) {
            opus.opus_encoder_destroy(encoder);
            check(error.get(0), "opus_decoder_create");
        }
        try {
            check(opus.opus_encoder_ctl(encoder, Opus.OPUS_SET_COMPLEXITY_REQUEST, complexity), "complexity");
            check(opus.opus_encoder_ctl(encoder, Opus.OPUS_SET_BITRATE_REQUEST, BITRATE_BPS), "bitrate");
            check(opus.opus_encoder_ctl(encoder, Opus.OPUS_SET_INBAND_FEC_REQUEST, 0), "inband FEC");
            check(opus.opus_encoder_ctl(encoder, Opus.OPUS_SET_SIGNAL_REQUEST, Opus.OPUS_SIGNAL_VOICE), "signal");
        } catch (IllegalStateException e) {
            close();
            throw e;
        }
    }

    @Override
    public PayloadType payloadType() {
        return PayloadType.OPUS;
    }

    /** RFC 7587 §4.1: the RTP clock is 48 kHz whatever the encoder's rate, so 960 units per 20 ms. */
    @Override
    public int timestampIncrement() {
        return PayloadType.OPUS.clockRate() * PcmFrame.DURATION_MS / 1000;
    }

    @Override
    public byte[] encode(PcmFrame frame) {
        ensureOpen();
        frame.copyTo(scratch, 0);
        pcmIn.put(0, scratch);
        int n = direct ? OpusDirect.opus_encode(encoder.getPointer(), pcmInAddress, PcmFrame.SAMPLES, packetAddress, MAX_PACKET_BYTES)
                : opus.opus_encode(encoder, pcmIn, PcmFrame.SAMPLES, packet, MAX_PACKET_BYTES);
        check(n, "opus_encode");
        byte[] out = new byte[n];
        packet.get(0, out);
        return out;
    }

    /**
     * The first 20 ms of the payload's audio. A longer packet (the peer's {@code ptime} of 40 or 60) is
     * truncated and a shorter one padded with silence, as {@link AudioCodec#decode} promises; an empty or
     * invalid payload gives silence and counts as corrupt.
     */
    @Override
    public PcmFrame decode(byte[] payload) {
        ensureOpen();
        if (payload.length == 0) {
            corruptPayloads++;
            return PcmFrame.silence();
        }
        int n;
        if (direct && payload.length <= MAX_PAYLOAD_BYTES) {
            payloadIn.put(0, payload);
            n = OpusDirect.opus_decode(decoder.getPointer(), payloadInAddress, payload.length, pcmOutAddress, MAX_DECODED_SAMPLES, 0);
        } else {
            n = opus.opus_decode(decoder, payload, payload.length, pcmOut, MAX_DECODED_SAMPLES, 0);
        }
        if (n < 0) {
            corruptPayloads++;
            return PcmFrame.silence();
        }
        return frameOf(n);
    }

    /**
     * A frame for a packet that never arrived (RFC 6716 §4.4 packet loss concealment): libopus
     * extrapolates from the decoder state and fades to silence over consecutive losses.
     */
    public PcmFrame conceal() {
        ensureOpen();
        int n = opus.opus_decode(decoder, null, 0, pcmOut, PcmFrame.SAMPLES, 0);
        check(n, "opus_decode (concealment)");
        return frameOf(n);
    }

    /** Payloads that libopus rejected (or that were empty) and were replaced by silence. */
    public long corruptPayloads() {
        return corruptPayloads;
    }

    /** Frees the native encoder and decoder; later calls are harmless, any other use then throws. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            opus.opus_encoder_destroy(encoder);
            opus.opus_decoder_destroy(decoder);
        }
    }

    private PcmFrame frameOf(int decodedSamples) {
        short[] pcm = new short[PcmFrame.SAMPLES];
        pcmOut.get(0, pcm, 0, Math.min(decodedSamples, PcmFrame.SAMPLES));
        return PcmFrame.of(pcm);
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("Opus codec already closed");
        }
    }

    private void check(int result, String what) {
        if (result < 0) {
            throw new IllegalStateException(what + " failed: " + opus.opus_strerror(result));
        }
    }

    private static ShortBuffer directShorts(int count) {
        return ByteBuffer.allocateDirect(count * Short.BYTES).order(ByteOrder.nativeOrder()).asShortBuffer();
    }
}
