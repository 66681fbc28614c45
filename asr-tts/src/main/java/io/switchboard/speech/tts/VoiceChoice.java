package io.switchboard.speech.tts;

/**
 * Which engine and engine voice speak a request: what the router decided, and what the prompt cache keys on
 * (the same text in another engine or voice is other audio).
 *
 * @param engine      the engine's {@link SpeechSynthesizer#engine()} name
 * @param engineVoice the engine's own voice, e.g. {@code cmu-slt-hsmm}, {@code cmn-latn-pinyin}
 * @param synthesizer the engine itself
 */
public record VoiceChoice(String engine, String engineVoice, SpeechSynthesizer synthesizer) {

    @Override
    public String toString() {
        return engine + "/" + engineVoice;
    }
}
