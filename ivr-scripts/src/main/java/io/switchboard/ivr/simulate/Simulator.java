package io.switchboard.ivr.simulate;

import io.switchboard.core.lane.VirtualLane;
import io.switchboard.ivr.exec.FlowEngine;
import io.switchboard.ivr.exec.FlowEvent;
import io.switchboard.ivr.exec.FlowListener;
import io.switchboard.ivr.exec.FlowRun;
import io.switchboard.ivr.exec.Limits;
import io.switchboard.ivr.expr.Values;
import io.switchboard.ivr.port.CustomerLookup;
import io.switchboard.ivr.port.HttpFetcher;
import io.switchboard.ivr.port.SessionInfo;
import io.switchboard.ivr.script.FlowSet;
import io.switchboard.ivr.verb.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Runs a flow without a phone: a {@link TextSession} fed with scripted inputs ("2" presses 2,
 * "say:billing" says billing, "hangup" hangs up), on virtual time — prompts take no time, and when the
 * inputs run out the flow's no-input timeouts happen at once. The result is the same every run (HTTP
 * requests are real, so a service that is down takes the flow's failure branch).
 */
public final class Simulator {
    /** How long to wait (real time) for a web service the flow calls. */
    static final Duration REAL_WAIT = Duration.ofSeconds(35);

    private final FlowEngine engine;
    private final Limits limits;

    public Simulator(Limits limits, HttpFetcher http, CustomerLookup customers) {
        this.limits = limits;
        this.engine = new FlowEngine(limits, http, customers, e -> { });
    }

    /**
     * A simulated call.
     *
     * @param variables    set before the flow starts (e.g. a test address for a web service)
     * @param agentsAnswer whether queues and dialled numbers answer (else queues overflow, dials fail)
     */
    public record Call(String caller, String dnis, String channel, List<String> inputs, Instant start,
            Map<String, Object> variables, boolean agentsAnswer) {
    }

    /** The conversation, the final action, and the variables the flow set. */
    public record Result(List<String> lines, Outcome outcome, Map<String, Object> variables) {
        /** Everything as printed by {@code bin/switchboard ivr simulate}. */
        public String text() {
            StringBuilder sb = new StringBuilder();
            lines.forEach(l -> sb.append(l).append('\n'));
            if (!variables.isEmpty()) {
                sb.append("variables:\n");
                variables.forEach((k, v) -> sb.append("  ").append(k).append(" = ").append(Values.text(Values.toCel(v)))
                        .append('\n'));
            }
            sb.append("final action: ").append(outcome == null ? "none (the flow did not finish)" : outcome.describe())
                    .append('\n');
            return sb.toString();
        }
    }

    /** Runs {@code flow} of {@code flows} (on the calling thread) until it ends. */
    public Result run(FlowSet flows, String flow, Call call) throws InterruptedException {
        InboxLane lane = new InboxLane(new VirtualLane(call.start()));
        Transcript transcript = new Transcript(call.start(), call.agentsAnswer());
        SessionInfo info = new SessionInfo("sim-1", call.caller(), call.dnis(), call.channel(), SessionInfo.Media.TEXT);
        TextSession session = new TextSession(info, transcript);
        for (String in : call.inputs()) {
            session.typeAhead(input(in));
        }
        Map<String, Object> vars = new TreeMap<>();
        FlowListener variables = e -> {
            if (e instanceof FlowEvent.VariableSet v && !v.name().equals("input") && !v.name().equals("error")) {
                vars.put(v.name(), v.value());
            }
        };
        FlowRun run = engine.start(flows, flow, session, lane, variables.and(transcript),
                new LinkedHashMap<>(call.variables()));
        Duration cap = limits.maxDuration().plusHours(3);
        while (true) {
            lane.pump();
            if (run.outcome().isPresent() || lane.virtual().elapsed().compareTo(cap) > 0) {
                break;
            }
            if (run.pendingWork() > 0 && lane.awaitInbox(REAL_WAIT)) {
                continue;
            }
            if (!lane.virtual().fireNext()) {
                break;
            }
        }
        return new Result(new ArrayList<>(transcript.lines()), run.outcome().orElse(null), vars);
    }

    /** A scripted input: {@code say:words}, {@code hangup}, or typed text (digits are keys). */
    static TextSession.Input input(String in) {
        if (in.startsWith("say:")) {
            return new TextSession.Input.Spoken(in.substring(4).trim(), 0.9);
        }
        if (in.equals("hangup")) {
            return new TextSession.Input.Gone();
        }
        return new TextSession.Input.Typed(in.startsWith("text:") ? in.substring(5) : in);
    }
}
