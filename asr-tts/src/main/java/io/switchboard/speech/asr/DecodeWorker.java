package io.switchboard.speech.asr;

import io.switchboard.media.resample.Resampler;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The worker side of a {@link PooledRecognitionStream}: resamples the utterance audio to the engine's
 * rate, drives the {@link StreamDecoder}, emits {@code Partial}s (at most one per
 * {@value #PARTIAL_EVERY_MS} ms of audio, as the best guess changes) and builds each {@code Final} in
 * stream time. Used by one worker at a time (the stream serialises its drains).
 */
final class DecodeWorker {
    static final int PARTIAL_EVERY_MS = 200;

    private final DecoderFactory factory;
    private final int streamRate;
    private final Consumer<RecognitionEvent> emit;
    private final RecognizerCounters counters;
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
        feed(d, resampler == null ? pcm : resampler.process(pcm));
        counters.audioDecodedMs.add(pcm.length * 1000L / streamRate);
        samplesSincePartial += pcm.length;
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
