package io.switchboard.ivr.verb;

import io.switchboard.ivr.expr.Expr;
import io.switchboard.ivr.expr.FlowException;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

/** {@code if}: a condition, the step to go to when it is true ({@code then}) and otherwise ({@code else}, or the next step). */
public record If(Expr condition, StepRef then, StepRef otherwise) implements Verb {

    static final VerbType TYPE = new VerbType("if", Set.of("then", "else"), null, true, If::parse);

    static If parse(StepReader r) {
        Expr c = r.expr("if", true);
        if (!r.has("if")) {
            r.missing("if", "a condition, e.g. if: \"customer.vip\"");
        }
        StepRef then = r.stepRef("then");
        if (then == null) {
            r.missing("then", "the step to go to when the condition is true");
        }
        return new If(c, then, r.stepRef("else"));
    }

    @Override
    public String name() {
        return "if";
    }

    @Override
    public List<StepRef> targets() {
        return Stream.of(then, otherwise).filter(Objects::nonNull).toList();
    }

    @Override
    public boolean continues() {
        return otherwise == null;
    }

    @Override
    public Execution execute(VerbContext ctx) throws FlowException {
        boolean yes = condition.test(ctx.scope());
        StepRef target = yes ? then : otherwise;
        ctx.note("if " + condition.source() + " → " + yes + (target != null ? " → " + target.step() : ""));
        ctx.goTo(target);
        return Execution.DONE;
    }
}
