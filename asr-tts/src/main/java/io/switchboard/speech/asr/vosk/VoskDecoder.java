package io.switchboard.speech.asr.vosk;

import io.switchboard.speech.asr.RecognizedWord;
import io.switchboard.speech.asr.StreamDecoder;
import java.util.ArrayList;
import java.util.List;
import org.vosk.Model;
import org.vosk.Recognizer;

/**
 * One Vosk recognizer (decoder state on a shared {@link Model}) behind {@link StreamDecoder}.
 *
 * <p>Vosk has its own endpointer: {@code acceptWaveForm} returns true when it decides a segment ended
 * (half a second of silence inside what our detector still counts as one utterance). Its words are kept
 * and the utterance goes on, so a {@code Final} always spans the whole utterance our endpointing cut.
 * Word times in Vosk's results count all audio given to the recognizer since it was created, which is
 * the timeline {@link StreamDecoder} asks for.
 */
final class VoskDecoder implements StreamDecoder {
    private final Recognizer recognizer;
    private final int sampleRate;
    private final List<RecognizedWord> words = new ArrayList<>();

    /**
     * A free-form decoder, or a grammar decoder when {@code grammarJson} is not null.
     *
     * @throws java.io.IOException when Vosk cannot create the recognizer (e.g. a malformed grammar)
     */
    VoskDecoder(Model model, int sampleRate, String grammarJson) throws java.io.IOException {
        this.sampleRate = sampleRate;
        this.recognizer = grammarJson == null
                ? new Recognizer(model, sampleRate)
                : createGrammar(model, sampleRate, grammarJson);
        recognizer.setWords(true);
    }

    private static Recognizer createGrammar(Model model, int rate, String grammar) throws java.io.IOException {
        Recognizer r = new Recognizer(model, rate, grammar);
        if (r.getPointer() == null) {
            throw new java.io.IOException("Vosk rejected the grammar " + grammar);
        }
        return r;
    }

    @Override
    public int sampleRate() {
        return sampleRate;
    }

    @Override
    public void accept(short[] pcm) {
        if (recognizer.acceptWaveForm(pcm, pcm.length)) {
            words.addAll(VoskJson.words(recognizer.getResult()));
        }
    }

    @Override
    public String partial() {
        String current = VoskJson.partialText(recognizer.getPartialResult());
        if (words.isEmpty()) {
            return current;
        }
        StringBuilder sb = new StringBuilder();
        for (RecognizedWord w : words) {
            sb.append(sb.length() == 0 ? "" : " ").append(w.word());
        }
        return current.isEmpty() ? sb.toString() : sb.append(' ').append(current).toString();
    }

    @Override
    public List<RecognizedWord> endUtterance() {
        words.addAll(VoskJson.words(recognizer.getFinalResult()));
        List<RecognizedWord> out = List.copyOf(words);
        words.clear();
        return out;
    }

    @Override
    public void close() {
        recognizer.close();
    }
}
