package io.switchboard.ivr.verb;

import io.switchboard.ivr.source.Position;
import java.util.Set;

/**
 * {@code subflow}: run another flow (a shared voicemail or order-status flow), then come back and go on
 * with the next step. Both flows share the call's variables. The version used is the one published when
 * the call started.
 */
public record Subflow(String flow, Position at) implements Verb {

    static final VerbType TYPE = new VerbType("subflow", Set.of(), null, true, Subflow::parse);

    static Subflow parse(StepReader r) {
        String f = r.string("subflow", null);
        if (f == null) {
            r.missing("subflow", "the name of the flow to run, e.g. subflow: voicemail");
        }
        return new Subflow(f, r.at("subflow"));
    }

    @Override
    public String name() {
        return "subflow";
    }

    @Override
    public boolean waitsForCaller() {
        return true;
    }

    @Override
    public Execution execute(VerbContext ctx) {
        ctx.callFlow(flow);
        return Execution.DONE;
    }
}
