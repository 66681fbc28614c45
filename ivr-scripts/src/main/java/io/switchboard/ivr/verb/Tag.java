package io.switchboard.ivr.verb;

import io.switchboard.ivr.expr.FlowException;
import io.switchboard.ivr.expr.Template;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/** {@code tag}: note something on the call's record (CDR) — {@code tag: billing} or {@code tag: { topic: billing }}. */
public record Tag(Map<String, Template> tags) implements Verb {

    static final VerbType TYPE = new VerbType("tag", Set.of(), null, true, Tag::parse);

    static Tag parse(StepReader r) {
        Node n = r.value("tag");
        Map<String, Template> tags = new LinkedHashMap<>();
        if (n == null) {
            r.missing("tag", "a label or labels with values, e.g. tag: { topic: billing }");
        } else if (n instanceof MappingNode m) {
            for (NodeTuple t : m.getValue()) {
                ScalarNode k = r.scalar(t.getKeyNode(), "tag", "a label");
                Template v = r.templateOf(t.getValueNode(), "tag");
                if (k != null && v != null) {
                    tags.put(k.getValue(), v);
                }
            }
        } else {
            Template v = r.templateOf(n, "tag");
            if (v != null) {
                tags.put("label", v);
            }
        }
        return new Tag(tags);
    }

    @Override
    public String name() {
        return "tag";
    }

    @Override
    public Execution execute(VerbContext ctx) throws FlowException {
        for (Map.Entry<String, Template> e : tags.entrySet()) {
            String v = e.getValue().render(ctx.scope());
            ctx.session().tag(e.getKey(), v);
            ctx.note("tag " + e.getKey() + " = " + v);
        }
        ctx.next();
        return Execution.DONE;
    }
}
