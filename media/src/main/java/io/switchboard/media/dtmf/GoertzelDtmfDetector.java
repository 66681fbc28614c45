package io.switchboard.media.dtmf;

import io.switchboard.media.codec.PcmFrame;
import java.util.function.Consumer;

/**
 * In-band DTMF detection on 8 kHz linear PCM with the Goertzel algorithm, for peers that send DTMF as
 * audio instead of RFC 4733 events.
 *
 * <p>Audio is analysed in blocks of {@value #BLOCK} samples (12.75 ms). Its ~78 Hz main lobe still
 * separates the Q.23 frequencies (≥ 73 Hz apart: a neighbour lands near the first null) and tolerates the
 * ±1.5 % frequency deviation Q.24 allows; a longer block would not fit two blocks into a 40 ms tone. The Goertzel recurrence gives the exact spectral
 * power at each of the 8 DTMF frequencies. A block holds a digit when:
 * <ul>
 *   <li>its mean power is above a floor (silence is not analysed),</li>
 *   <li>the strongest row and column tones carry most of the block's energy (a pure dual tone carries
 *       1/2 of {@code N·Σx²} by Parseval; speech and noise spread it over many frequencies),</li>
 *   <li>the twist (column/row power) is within ±8 dB, so a single tone is not a digit,</li>
 *   <li>the other tones of each group are at least 6 dB below the strongest.</li>
 * </ul>
 * A press is reported once, when two consecutive blocks show the same digit (any tone of ≥ 40 ms, as
 * Q.24 asks, spans two whole blocks; a 20 ms pulse never does); it ends after two blocks without it, so
 * one disturbed block does not split a press.
 *
 * <p>Not thread-safe: one detector per stream, on its lane.
 */
public final class GoertzelDtmfDetector {
    /** Samples per analysis block. */
    public static final int BLOCK = 102;
    private static final double MIN_MEAN_SQUARE = 400.0;
    private static final double MIN_TONE_SHARE = 0.35;
    private static final double MAX_TWIST = Math.pow(10, 0.8);
    private static final double RELATIVE_PEAK = 0.25;

    private static final double[] COEFF = new double[8];

    static {
        for (int i = 0; i < 4; i++) {
            COEFF[i] = 2 * Math.cos(2 * Math.PI * DtmfDigit.ROWS[i] / PcmFrame.SAMPLE_RATE);
            COEFF[i + 4] = 2 * Math.cos(2 * Math.PI * DtmfDigit.COLUMNS[i] / PcmFrame.SAMPLE_RATE);
        }
    }

    private final Consumer<DtmfPress> sink;
    private final double[] block = new double[BLOCK];
    private final double[] power = new double[8];
    private int fill;
    private long samplesSeen;
    private DtmfDigit previousBlock;
    private DtmfDigit current;
    private long currentStart;
    private int misses;

    public GoertzelDtmfDetector(Consumer<DtmfPress> sink) {
        this.sink = sink;
    }

    /** Feeds one 20 ms frame. */
    public void process(PcmFrame frame) {
        for (int i = 0; i < PcmFrame.SAMPLES; i++) {
            add(frame.sample(i));
        }
    }

    /** Feeds {@code length} samples of {@code samples} from {@code offset}. */
    public void process(short[] samples, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            add(samples[i]);
        }
    }

    private void add(short s) {
        block[fill++] = s;
        samplesSeen++;
        if (fill == BLOCK) {
            fill = 0;
            onBlock(analyse());
        }
    }

    private void onBlock(DtmfDigit digit) {
        if (current != null) {
            if (digit == current) {
                misses = 0;
            } else if (++misses >= 2) {
                current = null;
                misses = 0;
            }
        }
        if (current == null && digit != null && digit == previousBlock) {
            current = digit;
            misses = 0;
            currentStart = samplesSeen - 2L * BLOCK;
            sink.accept(new DtmfPress(digit, currentStart, 2 * BLOCK));
        }
        previousBlock = digit;
    }

    private DtmfDigit analyse() {
        double energy = 0;
        for (double x : block) {
            energy += x * x;
        }
        if (energy / BLOCK < MIN_MEAN_SQUARE) {
            return null;
        }
        for (int f = 0; f < 8; f++) {
            double c = COEFF[f];
            double s1 = 0;
            double s2 = 0;
            for (double x : block) {
                double s0 = x + c * s1 - s2;
                s2 = s1;
                s1 = s0;
            }
            power[f] = s1 * s1 + s2 * s2 - c * s1 * s2;
        }
        int row = strongest(0);
        int col = strongest(4);
        double rowPower = power[row];
        double colPower = power[col];
        if ((rowPower + colPower) / (BLOCK * energy) < MIN_TONE_SHARE) {
            return null;
        }
        if (colPower > rowPower * MAX_TWIST || rowPower > colPower * MAX_TWIST) {
            return null;
        }
        for (int i = 0; i < 4; i++) {
            if (i != row && power[i] > rowPower * RELATIVE_PEAK) {
                return null;
            }
            if (i + 4 != col && power[i + 4] > colPower * RELATIVE_PEAK) {
                return null;
            }
        }
        return DtmfDigit.fromTones(row, col - 4);
    }

    private int strongest(int from) {
        int best = from;
        for (int i = from + 1; i < from + 4; i++) {
            if (power[i] > power[best]) {
                best = i;
            }
        }
        return best;
    }
}
