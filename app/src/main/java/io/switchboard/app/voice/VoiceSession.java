package io.switchboard.app.voice;

import io.reactivex.rxjava3.disposables.Disposable;
import io.switchboard.ivr.port.CallSession;
import io.switchboard.ivr.port.CustomerLookup;
import io.switchboard.ivr.port.DialRequest;
import io.switchboard.ivr.port.InputSpec;
import io.switchboard.ivr.port.Prompt;
import io.switchboard.ivr.port.QueueRequest;
import io.switchboard.ivr.port.RecordRequest;
import io.switchboard.ivr.port.SessionEvent;
import io.switchboard.ivr.port.SessionEvents;
import io.switchboard.ivr.port.SessionInfo;
import io.switchboard.media.codec.PayloadType;
import io.switchboard.media.dtmf.TonePlan;
import io.switchboard.media.play.EncodedPrompt;
import io.switchboard.media.play.Player;
import io.switchboard.media.sdp.NegotiatedMedia;
import io.switchboard.sip.b2bua.AnsweredCall;
import io.switchboard.speech.tts.SynthesisPool;
import io.switchboard.speech.tts.SynthesisRequest;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An IVR flow's view of a voice call ({@link CallSession} over an {@link AnsweredCall}): prompts are
 * synthesized (cached per text, voice and codec) off the lane and played by the lane's media tick, keys
 * and speech come back as session events, {@code dial} rings someone while the caller hears ringback,
 * {@code record} takes a voicemail. Every method runs on the call's lane.
 */
final class VoiceSession implements CallSession {
    private static final Logger log = LoggerFactory.getLogger(VoiceSession.class);
    private static final double TONE_AMPLITUDE = 3000;

    private final AnsweredCall call;
    private final Speech speech;
    private final AudioFiles files;
    private final Voicemail voicemail;
    private final Queues queues;
    private final CustomerLookup customers;
    private QueueWait queueWait;
    private OnHold onHold;
    private final Map<Long, Runnable> stops = new HashMap<>();
    private SessionEvents events;
    /** The listen operation in progress (0: none) and whether it takes keys. */
    private long listening;
    private boolean keys;
    private SpeechInput speechInput;
    private Voicemail.Take recording;
    private String finishKeys;
    private boolean over;

    VoiceSession(AnsweredCall call, Speech speech, AudioFiles files, Voicemail voicemail, Queues queues, CustomerLookup customers) {
        this.customers = customers;
        this.call = call;
        this.queues = queues;
        this.speech = speech;
        this.files = files;
        this.voicemail = voicemail;
    }

    @Override
    public SessionInfo info() {
        return new SessionInfo(call.callId(), call.caller(), call.dialled(), "voice", SessionInfo.Media.VOICE);
    }

    @Override
    public void attach(SessionEvents events) {
        this.events = events;
        call.onDigit(this::digit);
        call.onEnded(reason -> {
            over = true;
            if (queueWait != null) {
                queueWait.callEnded();
            }
            if (onHold != null) {
                onHold.stop();
            }
            if (recording != null) {
                // a caller who hangs up after speaking leaves the message (voicemail as callers know it)
                recording.finish();
                recording = null;
            }
            for (Runnable stop : Map.copyOf(stops).values()) {
                stop.run();
            }
            stops.clear();
            stopListening();
            events.post(new SessionEvent.Hangup(reason));
        });
    }

    @Override
    public void say(long op, Prompt prompt) {
        String voice = prompt.voice() != null ? prompt.voice() : prompt.language();
        SynthesisRequest request;
        try {
            request = new SynthesisRequest(prompt.text(), voice, 1.0);
        } catch (IllegalArgumentException e) {
            events.post(new SessionEvent.Failed(op, "cannot speak: " + e.getMessage()));
            return;
        }
        PayloadType codec = codec();
        Disposable d = speech.prompts().get(request, codec, speech.pool()).observeOn(SynthesisPool.on(call.lane())).subscribe(
                encoded -> {
                    stops.remove(op);
                    if (!over) {
                        play(op, encoded);
                    }
                },
                error -> {
                    stops.remove(op);
                    String why = brief(error.getMessage());
                    log.warn("call {}: prompt '{}' could not be synthesized: {}", call.callId(), prompt.plain(), why);
                    events.post(new SessionEvent.Failed(op, "speech synthesis failed: " + why));
                });
        stops.put(op, d::dispose);
    }

    @Override
    public void play(long op, String file, boolean bargeIn) {
        PayloadType codec = codec();
        files.load(file, codec).thenAccept(encoded -> call.lane().execute(() -> {
            stops.remove(op);
            if (!over) {
                play(op, encoded);
            }
        })).exceptionally(e -> {
            call.lane().execute(() -> stops.remove(op));
            events.post(new SessionEvent.Failed(op, "cannot play " + file + ": " + rootMessage(e)));
            return null;
        });
        stops.put(op, () -> { });
    }

    /** Plays cached payloads to the caller; PromptDone when the last one went out. */
    private void play(long op, EncodedPrompt prompt) {
        Player player = CallerAudio.play(call, prompt, false, outcome -> {
            stops.remove(op);
            if (outcome == Player.Outcome.FINISHED) {
                events.post(new SessionEvent.PromptDone(op));
            }
        });
        stops.put(op, player::stop);
    }

    /** A repeating tone (ringback, hold) to the caller until the operation stops. */
    private void tone(long op, TonePlan plan) {
        Player player = Player.tone(plan, TONE_AMPLITUDE, call.session(), outcome -> { });
        PcmOut.prepare(call);
        call.tick().add(player);
        Runnable previous = stops.put(op, player::stop);
        if (previous != null) {
            stops.put(op, () -> {
                previous.run();
                player.stop();
            });
        }
    }

    @Override
    public void listen(long op, InputSpec spec) {
        stopListening();
        listening = op;
        keys = spec.dtmf();
        if (spec.speech()) {
            speechInput = SpeechInput.start(call, speech, spec, op, events);
        }
    }

    private void digit(char d) {
        if (recording != null && finishKeys != null && finishKeys.indexOf(d) >= 0) {
            Voicemail.Take take = recording;
            recording = null;
            take.finish();
            return;
        }
        if (listening != 0 && keys) {
            events.post(new SessionEvent.Digit(listening, d));
        }
    }

    private void stopListening() {
        listening = 0;
        if (speechInput != null) {
            speechInput.close();
            speechInput = null;
        }
    }

    @Override
    public void enqueue(long op, QueueRequest request) {
        if (queues == null || !queues.hasQueue(request.queue())) {
            events.post(new SessionEvent.Failed(op, "there is no queue called " + request.queue() + " in directory.yaml"));
            return;
        }
        OnHold hold = new OnHold(call, speech, files, request);
        QueueWait wait = new QueueWait(call, queues, op, request, events, hold::stop, customers);
        queueWait = wait;
        onHold = hold;
        stops.put(op, () -> {
            wait.cancel();
            hold.stop();
        });
        hold.start();
        wait.start();
    }

    @Override
    public void dial(long op, DialRequest request) {
        tone(op, TonePlan.ringbackChina());
        AnsweredCall.Dialing dialing = call.dial(request.target(), new AnsweredCall.DialListener() {
            @Override
            public void connected(String party) {
                stop(op);
                events.post(new SessionEvent.Connected(op, party));
            }

            @Override
            public void failed(String reason) {
                stop(op);
                events.post(new SessionEvent.Failed(op, reason));
            }
        });
        Runnable ringback = stops.get(op);
        stops.put(op, () -> {
            dialing.cancel();
            ringback.run();
        });
    }

    @Override
    public void record(long op, RecordRequest request) {
        finishKeys = request.finishKey();
        Voicemail.Take take = voicemail.start(call, request, (uri, length) -> {
            stops.remove(op);
            recording = null;
            events.post(new SessionEvent.Recorded(op, uri, length));
        }, reason -> {
            stops.remove(op);
            recording = null;
            events.post(new SessionEvent.Failed(op, reason));
        });
        recording = take;
        stops.put(op, () -> {
            if (recording == take) {
                recording = null;
            }
            take.discard();
        });
    }

    @Override
    public void cancel(long op) {
        if (listening == op) {
            stopListening();
        }
        stop(op);
    }

    private void stop(long op) {
        Runnable stop = stops.remove(op);
        if (stop != null) {
            stop.run();
        }
    }

    @Override
    public void tag(String key, String value) {
        call.tag(key, value);
    }

    @Override
    public void hangup(String reason) {
        for (Runnable stop : Map.copyOf(stops).values()) {
            stop.run();
        }
        stops.clear();
        stopListening();
        call.hangup(reason);
    }

    private PayloadType codec() {
        NegotiatedMedia m = call.media();
        return m == null ? PayloadType.PCMU : m.codec();
    }

    /** An engine's message without its list of every voice it knows. */
    private static String brief(String message) {
        if (message == null) {
            return "unknown error";
        }
        int list = message.indexOf("; available:");
        return list > 0 ? message.substring(0, list) : message.length() > 300 ? message.substring(0, 300) + "…" : message;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }
}
