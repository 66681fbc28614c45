package io.switchboard.ivr.verb;

import io.switchboard.ivr.expr.Expr;
import io.switchboard.ivr.expr.FlowException;
import io.switchboard.ivr.expr.Values;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/** {@code switch}: an expression, a step per value ({@code cases}), and a {@code default} (or the next step). */
public record Switch(Expr value, Map<String, StepRef> cases, StepRef otherwise) implements Verb {

    static final VerbType TYPE = new VerbType("switch", Set.of("cases", "default"), null, true, Switch::parse);

    static Switch parse(StepReader r) {
        Expr e = r.expr("switch", false);
        if (!r.has("switch")) {
            r.missing("switch", "the value to look at, e.g. switch: \"order.status\"");
        }
        Map<String, StepRef> cases = new LinkedHashMap<>();
        Node n = r.value("cases");
        if (n instanceof MappingNode m && !m.getValue().isEmpty()) {
            for (NodeTuple t : m.getValue()) {
                ScalarNode k = r.scalar(t.getKeyNode(), "cases", "a value");
                StepRef target = r.stepRefOf(t.getValueNode(), "cases");
                if (k != null && target != null && cases.putIfAbsent(k.getValue(), target) != null) {
                    r.error(k, "the case '" + k.getValue() + "' is listed twice");
                }
            }
        } else if (n == null) {
            r.missing("cases", "each value and the step it leads to, e.g. cases: { shipped: say_shipped }");
        } else {
            r.error(n, "'cases' must list each value and its step, e.g. cases: { shipped: say_shipped }");
        }
        return new Switch(e, cases, r.stepRef("default"));
    }

    @Override
    public String name() {
        return "switch";
    }

    @Override
    public List<StepRef> targets() {
        List<StepRef> out = new ArrayList<>(cases.values());
        if (otherwise != null) {
            out.add(otherwise);
        }
        return out;
    }

    @Override
    public boolean continues() {
        return otherwise == null;
    }

    @Override
    public Execution execute(VerbContext ctx) throws FlowException {
        String v = Values.text(value.eval(ctx.scope()));
        StepRef target = cases.getOrDefault(v, otherwise);
        ctx.note("switch " + value.source() + " = '" + v + "' → " + (target != null ? target.step() : "next step"));
        ctx.goTo(target);
        return Execution.DONE;
    }
}
