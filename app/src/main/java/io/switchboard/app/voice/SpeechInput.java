package io.switchboard.app.voice;

import io.reactivex.rxjava3.disposables.Disposable;
import io.switchboard.ivr.port.InputSpec;
import io.switchboard.ivr.port.SessionEvent;
import io.switchboard.ivr.port.SessionEvents;
import io.switchboard.media.codec.PayloadType;
import io.switchboard.sip.b2bua.AnsweredCall;
import io.switchboard.speech.asr.RecognitionEvent;
import io.switchboard.speech.asr.RecognitionRequest;
import io.switchboard.speech.asr.RecognitionStream;
import io.switchboard.speech.asr.SpeechRecognizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The caller's speech while a flow listens: the caller's RTP payloads (tapped on the media event loop)
 * are decoded to 8 kHz PCM and fed to a Vosk stream; the stream's speech-start (barge-in) and final
 * results come back to the flow as session events on the lane. A menu's phrases become a recognition
 * grammar — only the words the model knows; free-form recognition when there are none.
 */
final class SpeechInput implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SpeechInput.class);

    private final AnsweredCall call;
    private final RecognitionStream stream;
    private final Disposable results;
    private final TapDecoder decoder = new TapDecoder();

    private SpeechInput(AnsweredCall call, RecognitionStream stream, long op, SessionEvents events) {
        this.call = call;
        this.stream = stream;
        this.results = stream.events(call.lane()).subscribe(e -> {
            if (e instanceof RecognitionEvent.SpeechStarted) {
                events.post(new SessionEvent.SpeechStarted(op));
            } else if (e instanceof RecognitionEvent.Final f && !f.isEmpty() && !f.text().equals("[unk]")) {
                log.info("call {}: the caller said '{}' ({})", call.callId(), f.text(), String.format("%.2f", f.confidence()));
                events.post(new SessionEvent.Speech(op, f.text(), f.confidence()));
            } else if (e instanceof RecognitionEvent.Failed f) {
                log.warn("call {}: speech recognition failed: {}", call.callId(), f.reason());
            }
        }, error -> log.warn("call {}: speech recognition failed: {}", call.callId(), error.toString()));
        call.tapCaller((from, codec, ssrc, sequence, timestamp, payload, arrival) -> feed(codec, payload));
    }

    /** Starts recognising for {@code spec}; null (speech input off, keys still work) without a recognizer. */
    static SpeechInput start(AnsweredCall call, Speech speech, InputSpec spec, long op, SessionEvents events) {
        Optional<SpeechRecognizer> recognizer = speech.recognizer();
        if (recognizer.isEmpty()) {
            return null;
        }
        List<String> grammar = new ArrayList<>();
        for (String phrase : spec.phrases()) {
            if (phrase.chars().allMatch(c -> c < 128)) {
                grammar.add(phrase.toLowerCase(java.util.Locale.ROOT));
            }
        }
        RecognitionRequest request = grammar.isEmpty() ? RecognitionRequest.freeForm(8000) : RecognitionRequest.grammar(8000, grammar);
        return new SpeechInput(call, recognizer.get().open(request), op, events);
    }

    /** On the media event loop: one caller packet. */
    private void feed(PayloadType codec, byte[] payload) {
        stream.feed(decoder.decode(codec, payload));
    }

    @Override
    public void close() {
        call.tapCaller(null);
        results.dispose();
        stream.close();
        decoder.close(call);
    }
}
