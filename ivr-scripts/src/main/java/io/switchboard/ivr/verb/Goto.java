package io.switchboard.ivr.verb;

import java.util.List;
import java.util.Set;

/** {@code goto}: continue with another step. */
public record Goto(StepRef target) implements Verb {

    static final VerbType TYPE = new VerbType("goto", Set.of(), null, false, Goto::parse);

    static Goto parse(StepReader r) {
        StepRef t = r.stepRef("goto");
        if (t == null && !r.has("goto")) {
            r.missing("goto", "the step to go to, e.g. goto: main_menu");
        }
        return new Goto(t);
    }

    @Override
    public String name() {
        return "goto";
    }

    @Override
    public List<StepRef> targets() {
        return target == null ? List.of() : List.of(target);
    }

    @Override
    public boolean continues() {
        return false;
    }

    @Override
    public Execution execute(VerbContext ctx) {
        ctx.goTo(target);
        return Execution.DONE;
    }
}
