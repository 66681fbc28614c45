package io.switchboard.ivr.simulate;

import io.switchboard.ivr.exec.FlowEvent;
import io.switchboard.ivr.exec.FlowListener;
import io.switchboard.ivr.port.DialRequest;
import io.switchboard.ivr.port.QueueRequest;
import io.switchboard.ivr.source.Durations;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The simulator's record of a conversation, one line per thing that happened, each with the virtual
 * time since the call started and the step it happened in:
 * <pre>
 * 00:00  welcome      say: Welcome to Acme.
 * 00:00  main         caller presses 2
 * 00:00  main         → option 2 → sales
 * </pre>
 */
final class Transcript implements FlowListener, TextChannel {
    private final List<String> lines = new ArrayList<>();
    private final Instant start;
    private final boolean agentsAnswer;
    private Instant now;
    private String step = "";

    Transcript(Instant start, boolean agentsAnswer) {
        this.start = start;
        this.now = start;
        this.agentsAnswer = agentsAnswer;
    }

    List<String> lines() {
        return lines;
    }

    void line(String text) {
        Duration d = Duration.between(start, now);
        lines.add(String.format("%02d:%02d  %-15s %s", d.toMinutes(), d.toSecondsPart(), step, text));
    }

    @Override
    public void onEvent(FlowEvent e) {
        now = e.at();
        if (e instanceof FlowEvent.StepStarted s) {
            step = s.step();
        } else if (e instanceof FlowEvent.FlowStarted f) {
            line("▶ flow " + f.flow() + " (version " + f.version() + ")");
        } else if (e instanceof FlowEvent.Decision d) {
            step = d.step();
            line("→ " + d.text());
        } else if (e instanceof FlowEvent.BargeIn) {
            line("→ caller interrupts the prompt");
        } else if (e instanceof FlowEvent.Error err) {
            line("✗ error: " + err.reason());
        } else if (e instanceof FlowEvent.FlowEnded end) {
            line("■ " + end.outcome().describe() + " after " + end.steps() + " steps");
        }
    }

    @Override
    public void send(String text) {
        line("say: " + text);
    }

    @Override
    public void sendFile(String file) {
        line("play: " + file);
    }

    @Override
    public void received(String description) {
        line("caller " + description);
    }

    @Override
    public void enqueue(QueueRequest r, Reply reply) {
        line("enqueue " + r.queue() + " (priority " + r.priority() + (r.skills().isEmpty() ? "" : ", skills "
                + String.join(" ", r.skills())) + ", max wait " + Durations.format(r.maxWait()) + ")"
                + (r.announcement() == null ? "" : " announcing: " + r.announcement()));
        if (agentsAnswer) {
            reply.connected("agent of " + r.queue());
        } else {
            line("→ no agent answers");
        }
    }

    @Override
    public void dial(DialRequest r, Reply reply) {
        line("dial " + r.target() + " (ring " + Durations.format(r.timeout()) + ")");
        if (agentsAnswer) {
            reply.connected(r.target());
        } else {
            reply.failed("no answer");
        }
    }

    @Override
    public void tag(String key, String value) {
    }

    @Override
    public void close(String reason) {
    }
}
