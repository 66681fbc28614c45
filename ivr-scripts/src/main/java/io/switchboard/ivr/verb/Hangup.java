package io.switchboard.ivr.verb;

import java.util.Set;

/** {@code hangup}: end the call (or close the conversation), with an optional reason for the record. */
public record Hangup(String reason) implements Verb {

    static final VerbType TYPE = new VerbType("hangup", Set.of(), null, false, Hangup::parse);

    static Hangup parse(StepReader r) {
        return new Hangup(r.string("hangup", null));
    }

    @Override
    public String name() {
        return "hangup";
    }

    @Override
    public boolean continues() {
        return false;
    }

    @Override
    public Execution execute(VerbContext ctx) {
        String why = reason == null ? "flow ended" : reason;
        ctx.session().hangup(why);
        ctx.end(new Outcome.HungUp(why));
        return Execution.DONE;
    }
}
