package io.switchboard.ivr.verb;

import java.util.Set;

/**
 * {@code return}: leave this flow now. In a subflow the caller's flow goes on after its {@code subflow}
 * step; in the main flow it ends the call, as reaching the last step does.
 */
public record Return() implements Verb {

    static final VerbType TYPE = new VerbType("return", Set.of(), null, false, r -> new Return());

    @Override
    public String name() {
        return "return";
    }

    @Override
    public boolean continues() {
        return false;
    }

    @Override
    public Execution execute(VerbContext ctx) {
        ctx.leaveFlow();
        return Execution.DONE;
    }
}
