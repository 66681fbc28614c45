package io.switchboard.speech.asr;

import java.util.Arrays;

/**
 * Classifies 10 ms windows of PCM as speech or not by their energy against a tracked noise floor.
 *
 * <p>Why energy and not the decoder: barge-in (stop the prompt when the caller talks) must react within
 * tens of milliseconds, before the decoder has even been scheduled, and costs one multiply-add per
 * sample on the producer's thread. The noise floor is the minimum window energy over the last 1.5 s
 * (minimum statistics: pauses between words keep it at the line's noise even while someone talks), seeded
 * with {@value #PRIOR_NOISE_DB} dBFS so a stream that starts with speech is still detected. A window is
 * speech when it is {@value #START_MARGIN_DB} dB over the floor (and over {@value #START_FLOOR_DB} dBFS);
 * inside an utterance a lower bar ({@value #CONTINUE_MARGIN_DB} dB, {@value #CONTINUE_FLOOR_DB} dBFS)
 * keeps soft word endings in (hysteresis). Not thread-safe: one per stream, on its producer.
 */
final class EnergyVad {
    static final double PRIOR_NOISE_DB = -60;
    static final double START_MARGIN_DB = 15;
    static final double START_FLOOR_DB = -55;
    static final double CONTINUE_MARGIN_DB = 9;
    static final double CONTINUE_FLOOR_DB = -60;
    static final double SILENCE_DB = -100;
    private static final int WINDOWS_PER_BLOCK = 10;
    private static final int BLOCKS = 15;

    private final double[] blockMinima = new double[BLOCKS];
    private int block;
    private int windowsInBlock;
    private double currentMin = Double.MAX_VALUE;

    EnergyVad() {
        Arrays.fill(blockMinima, PRIOR_NOISE_DB);
    }

    /**
     * Classifies one window ({@code length} samples of {@code pcm} from {@code offset}) and then lets it
     * update the noise floor.
     *
     * @param inSpeech whether an utterance is in progress (selects the lower "continue" bar)
     */
    boolean isSpeech(short[] pcm, int offset, int length, boolean inSpeech) {
        double energy = energyDb(pcm, offset, length);
        double noise = noiseFloorDb();
        boolean speech = inSpeech
                ? energy > Math.max(noise + CONTINUE_MARGIN_DB, CONTINUE_FLOOR_DB)
                : energy > Math.max(noise + START_MARGIN_DB, START_FLOOR_DB);
        track(energy);
        return speech;
    }

    /** The current noise floor estimate in dBFS. */
    double noiseFloorDb() {
        double min = currentMin;
        for (double m : blockMinima) {
            min = Math.min(min, m);
        }
        return min;
    }

    /** Mean power of the window in dB relative to a full-scale square wave; {@value #SILENCE_DB} for zeros. */
    static double energyDb(short[] pcm, int offset, int length) {
        if (length <= 0) {
            return SILENCE_DB;
        }
        double sum = 0;
        for (int i = offset; i < offset + length; i++) {
            double s = pcm[i];
            sum += s * s;
        }
        double mean = sum / length / (32768.0 * 32768.0);
        return mean <= 0 ? SILENCE_DB : Math.max(SILENCE_DB, 10 * Math.log10(mean));
    }

    private void track(double energy) {
        currentMin = Math.min(currentMin, energy);
        if (++windowsInBlock == WINDOWS_PER_BLOCK) {
            blockMinima[block] = currentMin;
            block = (block + 1) % BLOCKS;
            windowsInBlock = 0;
            currentMin = Double.MAX_VALUE;
        }
    }
}
