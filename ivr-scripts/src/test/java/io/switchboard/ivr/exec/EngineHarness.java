package io.switchboard.ivr.exec;

import io.switchboard.core.lane.Lane;
import io.switchboard.core.lane.VirtualLane;
import io.switchboard.ivr.port.CustomerLookup;
import io.switchboard.ivr.port.HttpFetcher;
import io.switchboard.ivr.script.FlowSet;
import io.switchboard.ivr.verb.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** One flow on one recorded call, on virtual time. */
final class EngineHarness {
    final VirtualLane virtual = new VirtualLane();
    final RecordingSession session;
    final List<FlowEvent> events = new ArrayList<>();
    final FlowRun run;

    EngineHarness(FlowSet flows, String flow, Limits limits) {
        this(flows, flow, limits, new RecordingSession(), null, CustomerLookup.NONE, Map.of());
    }

    EngineHarness(FlowSet flows, String flow, Limits limits, RecordingSession session, Lane lane,
            CustomerLookup customers, Map<String, Object> variables) {
        this.session = session;
        HttpFetcher noNetwork = r -> CompletableFuture.failedFuture(new java.net.ConnectException("no network in this test"));
        FlowEngine engine = new FlowEngine(limits, noNetwork, customers, events::add);
        this.run = engine.start(flows, flow, session, lane == null ? virtual : lane, FlowListener.NONE, variables);
        virtual.runAll();
    }

    Outcome outcome() {
        return run.outcome().orElse(null);
    }

    /** The decisions the flow noted, in order. */
    List<String> decisions() {
        return events.stream().filter(e -> e instanceof FlowEvent.Decision).map(e -> ((FlowEvent.Decision) e).text())
                .toList();
    }

    /** "started step" / "finished step: result" lines. */
    List<String> steps() {
        List<String> out = new ArrayList<>();
        for (FlowEvent e : events) {
            if (e instanceof FlowEvent.StepStarted s) {
                out.add("started " + s.step() + " (" + s.verb() + ")");
            } else if (e instanceof FlowEvent.StepFinished f) {
                out.add("finished " + f.step() + ": " + f.result());
            }
        }
        return out;
    }
}
