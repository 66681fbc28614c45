package io.switchboard.speech.asr;

import io.switchboard.media.resample.Resampler;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * The worker side of a {@link PooledRecognitionStream}: resamples the utterance audio to the engine's
 * rate, drives the {@link StreamDecoder}, emits {@code Partial}s (at most one per
 * {@value #PARTIAL_EVERY_MS} ms of audio, as the best guess changes) and builds each {@code Final} in
 * stream time. Audio reaches the engine in chunks of at least {@value #MIN_CHUNK_MS} ms (fewer native
 * calls and network evaluations than 20 ms frames; the end of an utterance flushes, so a {@code Final}
 * is not delayed). Used by one worker at a time (the stream serialises its drains).
 */
final class DecodeWorker {
    static final int PARTIAL_EVERY_MS = 200;
    static final int MIN_CHUNK_MS = 100;

    private final DecoderFactory factory;
    private final int streamRate;
    private final Consumer<RecognitionEvent> emit;
    private final RecognizerCounters counters;
    private final int minChunk;
    private short[] pending;
    private int pendingCount;
    private StreamDecoder decoder;
    private Resampler resampler;
    private long decodedSamples;
    private boolean inUtterance;
    private long utteranceStreamStart;
    private long utteranceDecoderStartMs;
    private long samplesSincePartial;
    private String lastPartial = "";

    DecodeWorker(DecoderFactory factory, int streamRate, Consumer<RecognitionEvent> emit, RecognizerCounters counters) {
        this.factory = factory;
        this.streamRate = streamRate;
        this.emit = emit;
        this.counters = counters;
        this.minChunk = MIN_CHUNK_MS * streamRate / 1000;
        this.pending = new short[2 * minChunk];
    }

    /** Creates the decoder on first use; an engine failure propagates (the stream turns it into Failed). */
    private StreamDecoder decoder() throws Exception {
        if (decoder == null) {
            decoder = factory.create();
            if (decoder.sampleRate() != streamRate) {
                resampler = new Resampler(streamRate, decoder.sampleRate());
            }
        }
        return decoder;
    }

    /** Decodes utterance audio that starts at stream sample {@code start}. */
    void audio(short[] pcm, long start) throws Exception {
        StreamDecoder d = decoder();
        if (!inUtterance) {
            inUtterance = true;
            utteranceStreamStart = start;
            utteranceDecoderStartMs = decodedSamples * 1000 / d.sampleRate();
        }
        if (pendingCount + pcm.length > pending.length) {
            pending = Arrays.copyOf(pending, Math.max(2 * pending.length, pendingCount + pcm.length));
        }
        System.arraycopy(pcm, 0, pending, pendingCount, pcm.length);
        pendingCount += pcm.length;
        counters.audioDecodedMs.add(pcm.length * 1000L / streamRate);
        samplesSincePartial += pcm.length;
        if (pendingCount < minChunk) {
            return;
        }
        decodePending(d);
        if (samplesSincePartial * 1000 >= (long) PARTIAL_EVERY_MS * streamRate) {
            samplesSincePartial = 0;
            String partial = d.partial();
            if (!partial.isEmpty() && !partial.equals(lastPartial)) {
                lastPartial = partial;
                emit.accept(new RecognitionEvent.Partial(partial));
            }
        }
    }

    /** Ends the utterance whose speech the detector saw from {@code speechStart} to {@code speechEnd}. */
    void endUtterance(long speechStart, long speechEnd) throws Exception {
        StreamDecoder d = decoder();
        decodePending(d);
        if (resampler != null) {
            feed(d, resampler.flush());
        }
        long shiftMs = inUtterance ? toMs(utteranceStreamStart) - utteranceDecoderStartMs : 0;
        List<RecognizedWord> words = new ArrayList<>();
        for (RecognizedWord w : d.endUtterance()) {
            words.add(w.shifted(shiftMs));
        }
        inUtterance = false;
        samplesSincePartial = 0;
        lastPartial = "";
        counters.utterances.increment();
        emit.accept(finalOf(words, toMs(speechStart), toMs(speechEnd)));
    }

    static RecognitionEvent.Final finalOf(List<RecognizedWord> words, long speechStartMs, long speechEndMs) {
        if (words.isEmpty()) {
            return new RecognitionEvent.Final("", 0, speechStartMs, speechEndMs, words);
        }
        StringBuilder text = new StringBuilder();
        double confidence = 0;
        for (RecognizedWord w : words) {
            text.append(text.length() == 0 ? "" : " ").append(w.word());
            confidence += w.confidence();
        }
        return new RecognitionEvent.Final(text.toString(), confidence / words.size(), words.get(0).startMs(),
                words.get(words.size() - 1).endMs(), words);
    }

    void close() {
        if (decoder != null) {
            decoder.close();
            decoder = null;
        }
    }

    private void decodePending(StreamDecoder d) {
        if (pendingCount > 0) {
            short[] chunk = Arrays.copyOf(pending, pendingCount);
            pendingCount = 0;
            feed(d, resampler == null ? chunk : resampler.process(chunk));
        }
    }

    private void feed(StreamDecoder d, short[] pcm) {
        if (pcm.length > 0) {
            d.accept(pcm);
            decodedSamples += pcm.length;
        }
    }

    private long toMs(long streamSamples) {
        return streamSamples * 1000 / streamRate;
    }
}
