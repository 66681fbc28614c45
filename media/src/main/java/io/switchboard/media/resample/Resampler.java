package io.switchboard.media.resample;

import java.util.Arrays;

/**
 * Band-limited sample-rate conversion of 16-bit mono audio between any two positive rates (8 kHz
 * telephony, 16 kHz wideband, 44.1/48 kHz prompt files and WebRTC/Opus), by a Kaiser-windowed sinc
 * polyphase filter ({@link PolyphaseFilter} describes the design).
 *
 * <p>Why streaming: a device or WebSocket stream arrives in chunks of any size, and the result must
 * not depend on how the audio was cut. The resampler keeps the input history its filter needs, so
 * {@code process(a) + process(b) + flush()} equals {@code resample(a + b)} sample for sample. Output is
 * aligned with the input (no delay in the one-shot result); streaming output trails the input by the
 * filter's half-length (about 4 ms), which {@link #flush()} releases at the end of the stream.
 *
 * <p>Results are rounded and clamped to the 16-bit range (a full-scale square wave overshoots by the
 * Gibbs effect; it clips instead of wrapping). Not thread-safe: one instance per stream, on its lane.
 */
public final class Resampler {
    private final PolyphaseFilter filter;
    private final int fromRate;
    private final int toRate;
    private float[] history;
    private int count;
    private long base;
    private long consumed;
    private long inputIndex;
    private int phase;

    /** A resampler from {@code fromRate} to {@code toRate} Hz (both positive). */
    public Resampler(int fromRate, int toRate) {
        this.filter = PolyphaseFilter.forRates(fromRate, toRate);
        this.fromRate = fromRate;
        this.toRate = toRate;
        this.history = new float[Math.max(64, 4 * filter.half)];
        reset();
    }

    /** Converts a whole signal at once: {@code ceil(in.length · toRate / fromRate)} samples. */
    public static short[] resample(short[] in, int fromRate, int toRate) {
        Resampler r = new Resampler(fromRate, toRate);
        short[] head = r.process(in);
        short[] tail = r.flush();
        short[] out = Arrays.copyOf(head, head.length + tail.length);
        System.arraycopy(tail, 0, out, head.length, tail.length);
        return out;
    }

    public int fromRate() {
        return fromRate;
    }

    public int toRate() {
        return toRate;
    }

    /** Feeds {@code in} and returns every output sample whose input is now complete (possibly none). */
    public short[] process(short[] in) {
        append(in);
        long available = base + count;
        long ready = available - filter.half - inputIndex;
        short[] out = new short[capacityFor(ready)];
        int n = 0;
        while (inputIndex + filter.half < available) {
            out[n++] = next();
        }
        discardUsedHistory();
        return n == out.length ? out : Arrays.copyOf(out, n);
    }

    /**
     * Ends the stream: returns the outputs still held back for lack of later input (the signal is
     * taken as silent after its end), then starts afresh as if newly constructed.
     */
    public short[] flush() {
        ensureCapacity(count + filter.half);
        Arrays.fill(history, count, count + filter.half, 0f);
        count += filter.half;
        short[] out = new short[capacityFor(consumed - inputIndex)];
        int n = 0;
        while (inputIndex < consumed) {
            out[n++] = next();
        }
        reset();
        return n == out.length ? out : Arrays.copyOf(out, n);
    }

    private short next() {
        int taps = filter.taps();
        int start = (int) (inputIndex - filter.half + 1 - base);
        int row = filter.rowOffset(phase);
        float[] c = filter.coefficients;
        float a0 = 0;
        float a1 = 0;
        float a2 = 0;
        float a3 = 0;
        for (int k = 0; k < taps; k += 4) {
            a0 += history[start + k] * c[row + k];
            a1 += history[start + k + 1] * c[row + k + 1];
            a2 += history[start + k + 2] * c[row + k + 2];
            a3 += history[start + k + 3] * c[row + k + 3];
        }
        float acc = (a0 + a1) + (a2 + a3);
        long advanced = (long) phase + filter.down;
        inputIndex += advanced / filter.up;
        phase = (int) (advanced % filter.up);
        return (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(acc)));
    }

    /** An upper bound on the outputs produced while the input index advances by {@code inputs}. */
    private int capacityFor(long inputs) {
        return inputs <= 0 ? 1 : (int) ((inputs * filter.up) / filter.down + 2);
    }

    private void append(short[] in) {
        ensureCapacity(count + in.length);
        for (int i = 0; i < in.length; i++) {
            history[count + i] = in[i];
        }
        count += in.length;
        consumed += in.length;
    }

    /** Drops input older than the first tap of the next output. */
    private void discardUsedHistory() {
        int drop = (int) (inputIndex - filter.half + 1 - base);
        if (drop > 0) {
            System.arraycopy(history, drop, history, 0, count - drop);
            count -= drop;
            base += drop;
        }
    }

    private void ensureCapacity(int needed) {
        if (needed > history.length) {
            history = Arrays.copyOf(history, Math.max(needed, 2 * history.length));
        }
    }

    /** The state before any input: {@code half} samples of silence before time zero. */
    private void reset() {
        Arrays.fill(history, 0f);
        count = filter.half;
        base = -filter.half;
        consumed = 0;
        inputIndex = 0;
        phase = 0;
    }
}
