package io.switchboard.ivr.verb;

import io.switchboard.ivr.expr.Expr;
import io.switchboard.ivr.expr.FlowException;
import io.switchboard.ivr.expr.Template;
import io.switchboard.ivr.expr.Values;
import io.switchboard.ivr.source.ScalarSite;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * {@code set}: give variables values, in order. Text is a template ({@code "Hello ${name}"}); text that
 * starts with {@code =} is an expression ({@code =tries + 1}), like a spreadsheet formula; numbers, true/false,
 * lists and maps are taken as written.
 */
public record SetVars(List<Assignment> assignments) implements Verb {

    static final VerbType TYPE = new VerbType("set", Set.of(), null, true, SetVars::parse);

    /** One variable and its value: a literal, a {@link Template} or an {@link Expr}. */
    public record Assignment(String name, Object value) {
    }

    static SetVars parse(StepReader r) {
        Node n = r.value("set");
        List<Assignment> out = new ArrayList<>();
        if (!(n instanceof MappingNode m)) {
            if (n == null) {
                r.missing("set", "variables and their values, e.g. set: { tries: 0 }");
            } else {
                r.error(n, "set needs variables and their values, e.g. set: { tries: 0 }");
            }
            return new SetVars(out);
        }
        for (NodeTuple t : m.getValue()) {
            ScalarNode key = r.scalar(t.getKeyNode(), "set", "a variable name");
            if (key == null || !r.checkVariable(key, key.getValue())) {
                continue;
            }
            Node v = t.getValueNode();
            Object value = StepReader.literal(v);
            if (v instanceof ScalarNode s && s.getTag().equals(Tag.STR)) {
                ScalarSite site = ScalarSite.of(r.problems(), s);
                value = s.getValue().startsWith("=")
                        ? r.exprs().compile(s.getValue().substring(1), site.sub(1), r.problems(), false)
                        : r.exprs().template(site, r.problems());
            }
            out.add(new Assignment(key.getValue(), value));
        }
        return new SetVars(List.copyOf(out));
    }

    @Override
    public String name() {
        return "set";
    }

    @Override
    public Execution execute(VerbContext ctx) throws FlowException {
        for (Assignment a : assignments) {
            Object v = a.value() instanceof Expr e ? e.eval(ctx.scope())
                    : a.value() instanceof Template t ? t.render(ctx.scope()) : a.value();
            ctx.set(a.name(), v);
            ctx.note("set " + a.name() + " = " + (v instanceof String ? "'" + v + "'" : Values.text(Values.toCel(v))));
        }
        ctx.next();
        return Execution.DONE;
    }
}
