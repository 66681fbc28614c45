package io.switchboard.speech.asr;

import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * Endpointing on the producer's thread: cuts a PCM stream into utterances with an {@link EnergyVad},
 * in audio time (sample counts), and tells its {@link Listener} what to decode.
 *
 * <pre>
 *            3 speech windows (30 ms)                   trailing silence | max length
 *   WAITING ─────────────────────────► IN_UTTERANCE ─────────────────────────────────► WAITING
 *      │ no speech for noInputTimeout (once per wait)           finish(): utterance ends
 *      ▼
 *   onNoInput
 * </pre>
 *
 * While waiting, the last {@value #PRE_ROLL_MS} ms are kept (not decoded) so the soft start of the first
 * word, which the energy bar misses, is handed to the decoder with the utterance. When speech starts
 * less than that after the stream began, the pre-roll is padded with leading zeros: Vosk needs some
 * silence before the first word (measured on espeak speech at 8 kHz: grammar hits 4 of 12 without
 * it, 9 of 12 with 150–500 ms). Silence between utterances is never decoded: that is most of an IVR
 * call, and free-form decoding is the costly part. Inside an utterance, silence beyond
 * {@value #DECODED_SILENCE_MS} ms is held back: handed over if speech resumes, dropped if the trailing
 * silence ends the utterance (the decoder needs a little right context, not the whole 800 ms wait).
 * Not thread-safe: one per stream, driven by its producer.
 */
final class UtteranceDetector {
    static final int PRE_ROLL_MS = 300;
    static final int ONSET_WINDOWS = 3;
    static final int DECODED_SILENCE_MS = 300;

    /** Why an utterance ended. */
    enum EndReason { TRAILING_SILENCE, MAX_LENGTH, FINISHED }

    enum State { WAITING, IN_UTTERANCE }

    /** Receives the detector's decisions, in stream order. Sample positions count from the first sample fed. */
    interface Listener {
        /**
         * Speech began at {@code atSample}; {@code preRoll} (starting at {@code preRollStart}, negative
         * when padded before the stream's first sample) is the audio up to now.
         */
        void onSpeechStarted(long atSample, short[] preRoll, long preRollStart);

        /** Audio inside the utterance, starting at {@code startSample}. */
        void onAudio(short[] pcm, long startSample);

        /** The utterance that started at {@code speechStart} ended; its last speech window ended at {@code speechEnd}. */
        void onUtteranceEnd(long speechStart, long speechEnd, EndReason reason);

        /** No speech for the no-input timeout, at {@code atSample}. */
        void onNoInput(long atSample);
    }

    private final Listener listener;
    private final EnergyVad vad = new EnergyVad();
    private final int window;
    private final long trailingSamples;
    private final long maxUtteranceSamples;
    private final long noInputSamples;
    private final ArrayDeque<short[]> preRoll = new ArrayDeque<>();
    private final ArrayDeque<short[]> held = new ArrayDeque<>();
    private final long decodedSilenceSamples;
    private long heldStart;
    private final int preRollWindows;
    private final short[] pending;
    private int pendingCount;
    private State state = State.WAITING;
    private long position;
    private int onset;
    private long waited;
    private boolean noInputDue = true;
    private boolean anyResult;
    private long speechStart;
    private long speechEnd;
    private long silence;

    UtteranceDetector(int sampleRate, Endpointing endpointing, Listener listener) {
        this.listener = listener;
        this.window = sampleRate / 100;
        this.trailingSamples = samples(endpointing.trailingSilence().toMillis(), sampleRate);
        this.maxUtteranceSamples = samples(endpointing.maxUtterance().toMillis(), sampleRate);
        this.noInputSamples = samples(endpointing.noInputTimeout().toMillis(), sampleRate);
        this.preRollWindows = PRE_ROLL_MS / 10;
        this.decodedSilenceSamples = samples(DECODED_SILENCE_MS, sampleRate);
        this.pending = new short[window];
    }

    State state() {
        return state;
    }

    /** Consumes {@code pcm}; a trailing part shorter than a window waits for the next call. */
    void accept(short[] pcm) {
        int i = 0;
        if (pendingCount > 0) {
            int n = Math.min(window - pendingCount, pcm.length);
            System.arraycopy(pcm, 0, pending, pendingCount, n);
            pendingCount += n;
            i = n;
            if (pendingCount < window) {
                return;
            }
            step(pending.clone());
            pendingCount = 0;
        }
        for (; i + window <= pcm.length; i += window) {
            step(Arrays.copyOfRange(pcm, i, i + window));
        }
        pendingCount = pcm.length - i;
        System.arraycopy(pcm, i, pending, 0, pendingCount);
    }

    /** End of audio: ends the utterance in progress, or reports no input if nothing was ever heard. */
    void finish() {
        if (state == State.IN_UTTERANCE) {
            if (pendingCount > 0 && held.isEmpty()) {
                listener.onAudio(Arrays.copyOf(pending, pendingCount), position);
                position += pendingCount;
            }
            end(EndReason.FINISHED);
        } else {
            position += pendingCount;
            if (!anyResult) {
                anyResult = true;
                listener.onNoInput(position);
            }
        }
        pendingCount = 0;
    }

    private void step(short[] w) {
        long start = position;
        position += w.length;
        if (state == State.WAITING) {
            waiting(w, start);
        } else {
            if (vad.isSpeech(w, 0, w.length, true)) {
                releaseHeld();
                listener.onAudio(w, start);
                silence = 0;
                speechEnd = position;
            } else {
                silence += w.length;
                if (silence > decodedSilenceSamples) {
                    if (held.isEmpty()) {
                        heldStart = start;
                    }
                    held.addLast(w);
                } else {
                    listener.onAudio(w, start);
                }
            }
            if (silence >= trailingSamples) {
                end(EndReason.TRAILING_SILENCE);
            } else if (position - speechStart >= maxUtteranceSamples) {
                end(EndReason.MAX_LENGTH);
            }
        }
    }

    /** Speech resumed after a long pause: the decoder gets the pause too, so its timeline stays continuous. */
    private void releaseHeld() {
        if (held.isEmpty()) {
            return;
        }
        short[] audio = new short[held.size() * window];
        int k = 0;
        for (short[] h : held) {
            System.arraycopy(h, 0, audio, k, h.length);
            k += h.length;
        }
        held.clear();
        listener.onAudio(audio, heldStart);
    }

    private void waiting(short[] w, long start) {
        if (preRoll.size() == preRollWindows) {
            preRoll.removeFirst();
        }
        preRoll.addLast(w);
        onset = vad.isSpeech(w, 0, w.length, false) ? onset + 1 : 0;
        if (onset >= ONSET_WINDOWS) {
            state = State.IN_UTTERANCE;
            speechStart = start - (long) (ONSET_WINDOWS - 1) * window;
            speechEnd = position;
            silence = 0;
            short[] audio = new short[preRollWindows * window];
            int k = audio.length - preRoll.size() * window;
            for (short[] p : preRoll) {
                System.arraycopy(p, 0, audio, k, p.length);
                k += p.length;
            }
            preRoll.clear();
            listener.onSpeechStarted(speechStart, audio, position - audio.length);
            return;
        }
        waited += w.length;
        if (noInputDue && waited >= noInputSamples) {
            noInputDue = false;
            anyResult = true;
            listener.onNoInput(position);
        }
    }

    private void end(EndReason reason) {
        state = State.WAITING;
        held.clear();
        anyResult = true;
        onset = 0;
        waited = 0;
        noInputDue = true;
        listener.onUtteranceEnd(speechStart, speechEnd, reason);
    }

    private static long samples(long millis, int rate) {
        return millis * rate / 1000;
    }
}
