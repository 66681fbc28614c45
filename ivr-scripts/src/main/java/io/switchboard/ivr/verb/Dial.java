package io.switchboard.ivr.verb;

import io.switchboard.ivr.expr.FlowException;
import io.switchboard.ivr.expr.Template;
import io.switchboard.ivr.port.DialRequest;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * {@code dial}: call an extension or a number (through the trunks) and connect the caller. Answered: the
 * flow is over. Busy, no answer within {@code timeout}, or rejected: {@code onFailure} (or the next step).
 */
public record Dial(Template target, Duration timeout, StepRef onFailure) implements Verb {

    static final VerbType TYPE = new VerbType("dial", Set.of("timeout", "onFailure"), null, true, Dial::parse);

    static Dial parse(StepReader r) {
        Template t = r.template("dial");
        if (!r.has("dial")) {
            r.missing("dial", "the extension or number to call, e.g. dial: \"1001\"");
        } else if (t != null && t.isConstant() && !t.source().matches("\\+?[0-9*#]+")) {
            r.error(r.value("dial"), "dial needs an extension or a phone number (digits, an optional leading +)");
        }
        return new Dial(t, r.duration("timeout", Duration.ofSeconds(30), Duration.ofSeconds(5), Duration.ofMinutes(5)),
                r.stepRef("onFailure"));
    }

    @Override
    public String name() {
        return "dial";
    }

    @Override
    public List<StepRef> targets() {
        return onFailure == null ? List.of() : List.of(onFailure);
    }

    @Override
    public boolean waitsForCaller() {
        return true;
    }

    @Override
    public Execution execute(VerbContext ctx) throws FlowException {
        String to = target.render(ctx.scope()).replaceAll("[\\s-]", "");
        if (!to.matches("\\+?[0-9*#]+")) {
            throw new FlowException("cannot dial '" + to + "': not an extension or a number");
        }
        long op = ctx.newOp();
        ctx.session().dial(op, new DialRequest(to, timeout));
        return Connecting.await(ctx, op, "dial", to, timeout, "no answer", onFailure);
    }
}
