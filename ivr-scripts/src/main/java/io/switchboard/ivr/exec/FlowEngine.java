package io.switchboard.ivr.exec;

import io.switchboard.core.lane.Lane;
import io.switchboard.ivr.port.CallSession;
import io.switchboard.ivr.port.CustomerLookup;
import io.switchboard.ivr.port.HttpFetcher;
import io.switchboard.ivr.script.Flow;
import io.switchboard.ivr.script.FlowSet;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Runs flows on calls. One engine per process (it holds only shared, immutable things: limits, the HTTP
 * client, the customer lookup, listeners); each call gets a {@link FlowRun} that lives on the call's lane.
 *
 * <pre>{@code
 * FlowRun run = engine.start(store.snapshot(), "hotline", session, lane, cdrListener);
 * // the session posts DTMF, speech and prompt-done results to run.post(...) — any thread
 * }</pre>
 */
public final class FlowEngine {
    private final Limits limits;
    private final HttpFetcher http;
    private final CustomerLookup customers;
    private final FlowListener listener;
    private final Flow safeFlow;

    public FlowEngine(Limits limits, HttpFetcher http, CustomerLookup customers, FlowListener listener) {
        this.limits = limits;
        this.http = http;
        this.customers = customers;
        this.listener = listener;
        this.safeFlow = SafeFlow.build(limits);
    }

    /**
     * Starts {@code flow} from {@code flows} (the snapshot this call keeps: later publishes do not affect
     * it) on {@code session}. The run begins on {@code lane} (never inside this method); its first act
     * is {@link CallSession#attach}. A flow missing from the set takes the safe default.
     */
    public FlowRun start(FlowSet flows, String flow, CallSession session, Lane lane, FlowListener perCall) {
        return start(flows, flow, session, lane, perCall, Map.of());
    }

    /** As above, with variables set before the flow starts (they win over the flow's own starting values). */
    public FlowRun start(FlowSet flows, String flow, CallSession session, Lane lane, FlowListener perCall,
            Map<String, Object> variables) {
        FlowRun run = new FlowRun(this, flows, session, lane, listener.and(perCall));
        Map<String, Object> presets = new LinkedHashMap<>(variables);
        lane.execute(() -> run.begin(flow, presets));
        return run;
    }

    public FlowRun start(FlowSet flows, String flow, CallSession session, Lane lane) {
        return start(flows, flow, session, lane, FlowListener.NONE);
    }

    Limits limits() {
        return limits;
    }

    HttpFetcher http() {
        return http;
    }

    CustomerLookup customers() {
        return customers;
    }

    Flow safeFlow() {
        return safeFlow;
    }
}
