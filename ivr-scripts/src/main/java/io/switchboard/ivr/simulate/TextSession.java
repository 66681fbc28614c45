package io.switchboard.ivr.simulate;

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
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A flow's call in text mode — a virtual call on a messaging channel, and the simulator. {@code say}
 * sends the words, {@code listen} takes the customer's next message: digits (e.g. "2") as keys, any other
 * text as an utterance the flow matches against its phrases. Messages that arrive while the flow is not
 * listening wait for the next {@code listen} (customers type ahead); on a {@code record} the next message
 * is the "recording".
 */
public final class TextSession implements CallSession {

    /** A message from the customer. */
    public sealed interface Input {
        /** Typed text (digits become keys). */
        record Typed(String text) implements Input {
        }

        /** Spoken words with a recognition confidence (the simulator's "say:…"). */
        record Spoken(String text, double confidence) implements Input {
        }

        /** The customer left. */
        record Gone() implements Input {
        }
    }

    private final SessionInfo info;
    private final TextChannel channel;
    private final Deque<Input> waiting = new ArrayDeque<>();
    private SessionEvents events;
    private long listening;
    private InputSpec spec;
    private long recording;

    public TextSession(SessionInfo info, TextChannel channel) {
        this.info = info;
        this.channel = channel;
    }

    /** A message from the customer (call on the lane). */
    public void receive(Input input) {
        if (input instanceof Input.Gone) {
            channel.received("(hangs up)");
            events.post(new SessionEvent.Hangup("caller hung up"));
        } else if (recording != 0) {
            long op = recording;
            recording = 0;
            channel.received(describe(input));
            events.post(new SessionEvent.Recorded(op, "text:" + text(input), Duration.ZERO));
        } else if (listening != 0) {
            deliver(input);
        } else {
            waiting.add(input);
        }
    }

    /** Messages queued before the flow starts (the simulator's inputs). */
    public void typeAhead(Input input) {
        waiting.add(input);
    }

    private void deliver(Input input) {
        long op = listening;
        channel.received(describe(input));
        if (input instanceof Input.Typed t && t.text().matches("[0-9*#]+") && spec.dtmf()) {
            t.text().chars().forEach(c -> events.post(new SessionEvent.Digit(op, (char) c)));
        } else if (input instanceof Input.Spoken s) {
            events.post(new SessionEvent.SpeechStarted(op));
            events.post(new SessionEvent.Speech(op, s.text(), s.confidence()));
        } else {
            events.post(new SessionEvent.Speech(op, text(input), 1.0));
        }
    }

    private static String text(Input input) {
        return input instanceof Input.Typed t ? t.text() : input instanceof Input.Spoken s ? s.text() : "";
    }

    private static String describe(Input input) {
        if (input instanceof Input.Spoken s) {
            return "says \"" + s.text() + "\"";
        }
        String t = text(input);
        return t.matches("[0-9*#]+") ? "presses " + t : "writes \"" + t + "\"";
    }

    @Override
    public SessionInfo info() {
        return info;
    }

    @Override
    public void attach(SessionEvents events) {
        this.events = events;
    }

    @Override
    public void say(long op, Prompt prompt) {
        channel.send(prompt.plain());
        events.post(new SessionEvent.PromptDone(op));
    }

    @Override
    public void play(long op, String file, boolean bargeIn) {
        channel.sendFile(file);
        events.post(new SessionEvent.PromptDone(op));
    }

    @Override
    public void listen(long op, InputSpec inputSpec) {
        listening = op;
        spec = inputSpec;
        Input next = waiting.poll();
        if (next != null) {
            receive(next);
        }
    }

    @Override
    public void enqueue(long op, QueueRequest request) {
        channel.enqueue(request, reply(op));
    }

    @Override
    public void dial(long op, DialRequest request) {
        channel.dial(request, reply(op));
    }

    @Override
    public void record(long op, RecordRequest request) {
        recording = op;
        Input next = waiting.poll();
        if (next != null) {
            receive(next);
        }
    }

    private TextChannel.Reply reply(long op) {
        return new TextChannel.Reply() {
            @Override
            public void connected(String party) {
                events.post(new SessionEvent.Connected(op, party));
            }

            @Override
            public void failed(String reason) {
                events.post(new SessionEvent.Failed(op, reason));
            }
        };
    }

    @Override
    public void cancel(long op) {
        if (listening == op) {
            listening = 0;
        }
        if (recording == op) {
            recording = 0;
        }
    }

    @Override
    public void tag(String key, String value) {
        channel.tag(key, value);
    }

    @Override
    public void hangup(String reason) {
        channel.close(reason);
    }
}
