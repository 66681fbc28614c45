package io.switchboard.ivr.exec;

import io.switchboard.ivr.port.CallSession;
import io.switchboard.ivr.port.DialRequest;
import io.switchboard.ivr.port.InputSpec;
import io.switchboard.ivr.port.Prompt;
import io.switchboard.ivr.port.QueueRequest;
import io.switchboard.ivr.port.RecordRequest;
import io.switchboard.ivr.port.SessionEvent;
import io.switchboard.ivr.port.SessionEvents;
import io.switchboard.ivr.port.SessionInfo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A voice call for engine tests: records every request as a line ("say en-US: Hello", "listen dtmf+speech",
 * "cancel 3") and lets the test answer as the caller and the media layer would (prompt done, keys,
 * speech, an agent answering, hang-up).
 */
public final class RecordingSession implements CallSession {
    public final List<String> log = new ArrayList<>();
    public final List<Prompt> prompts = new ArrayList<>();
    public final List<QueueRequest> queues = new ArrayList<>();
    public SessionEvents events;
    public long lastPrompt;
    public long lastListen;
    public long lastOp;
    private final SessionInfo info;

    public RecordingSession() {
        this(new SessionInfo("call-1", "+8613800138000", "4008001234", "voice", SessionInfo.Media.VOICE));
    }

    public RecordingSession(SessionInfo info) {
        this.info = info;
    }

    /** The requests since the last call, then forgets them. */
    public List<String> take() {
        List<String> out = List.copyOf(log);
        log.clear();
        return out;
    }

    public void promptDone() {
        events.post(new SessionEvent.PromptDone(lastPrompt));
    }

    public void press(String keys) {
        keys.chars().forEach(c -> events.post(new SessionEvent.Digit(lastListen, (char) c)));
    }

    public void speak(String text, double confidence) {
        events.post(new SessionEvent.SpeechStarted(lastListen));
        events.post(new SessionEvent.Speech(lastListen, text, confidence));
    }

    public void answer(String party) {
        events.post(new SessionEvent.Connected(lastOp, party));
    }

    public void fail(String reason) {
        events.post(new SessionEvent.Failed(lastOp, reason));
    }

    public void hangUp() {
        events.post(new SessionEvent.Hangup("caller hung up"));
    }

    @Override
    public SessionInfo info() {
        return info;
    }

    @Override
    public void attach(SessionEvents e) {
        this.events = e;
    }

    @Override
    public void say(long op, Prompt prompt) {
        lastPrompt = op;
        prompts.add(prompt);
        log.add("say " + prompt.language() + (prompt.voice() == null ? "" : "/" + prompt.voice()) + ": " + prompt.plain());
    }

    @Override
    public void play(long op, String file, boolean bargeIn) {
        lastPrompt = op;
        log.add("play " + file);
    }

    @Override
    public void listen(long op, InputSpec spec) {
        lastListen = op;
        log.add("listen " + (spec.dtmf() ? "dtmf" : "") + (spec.dtmf() && spec.speech() ? "+" : "")
                + (spec.speech() ? "speech" : "") + (spec.phrases().isEmpty() ? "" : " " + spec.phrases()));
    }

    @Override
    public void enqueue(long op, QueueRequest request) {
        lastOp = op;
        queues.add(request);
        log.add("enqueue " + request.queue());
    }

    @Override
    public void dial(long op, DialRequest request) {
        lastOp = op;
        log.add("dial " + request.target());
    }

    @Override
    public void record(long op, RecordRequest request) {
        lastOp = op;
        log.add("record " + request.mailbox() + " max " + request.maxLength().toSeconds() + "s");
    }

    public void recorded(String uri, Duration length) {
        events.post(new SessionEvent.Recorded(lastOp, uri, length));
    }

    @Override
    public void cancel(long op) {
        log.add("cancel " + (op == lastPrompt ? "prompt" : op == lastListen ? "listen" : "op " + op));
    }

    @Override
    public void tag(String key, String value) {
        log.add("tag " + key + "=" + value);
    }

    @Override
    public void hangup(String reason) {
        log.add("hangup " + reason);
    }
}
