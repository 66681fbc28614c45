package io.switchboard.ivr.verb;

import io.switchboard.ivr.expr.Expr;
import io.switchboard.ivr.expr.FlowException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * {@code gather}: ask and collect keys (an account number, a PIN), speech (a phrase from a list or free
 * text), or both; the answer goes into a variable. {@code valid} can reject answers (then no-match).
 */
public record Gather(Ask ask, String into, Expr valid) implements Verb {

    static final VerbType TYPE = new VerbType("gather", Set.of("prompt", "language", "voice", "bargeIn", "maxDigits",
            "minDigits", "finishKey", "timeout", "interDigitTimeout", "speechTimeout", "phrases", "retries",
            "noInputPrompt", "noMatchPrompt", "noInput", "noMatch", "into", "valid"), null, true, Gather::parse);

    static Gather parse(StepReader r) {
        boolean dtmf = true;
        boolean speech = false;
        Node kinds = r.value("gather");
        if (kinds != null) {
            List<String> k = r.strings("gather");
            dtmf = k.contains("dtmf");
            speech = k.contains("speech");
            for (String s : k) {
                if (!s.equals("dtmf") && !s.equals("speech")) {
                    r.error(kinds, "gather takes dtmf, speech or [dtmf, speech], not '" + s + "'");
                }
            }
        }
        String finish = r.string("finishKey", "#");
        if (!finish.equals("none") && !finish.matches("[0-9*#]")) {
            r.error(r.value("finishKey"), "'finishKey' must be one key (0-9, * or #) or none");
        }
        int max = r.integer("maxDigits", 20, 1, 64);
        int min = r.integer("minDigits", 1, 1, 64);
        if (min > max) {
            r.error(r.value("minDigits"), "'minDigits' is larger than 'maxDigits'");
        }
        Ask ask = Ask.read(r, r.text("prompt"), dtmf, speech, r.strings("phrases"), max, min,
                finish.equals("none") ? null : finish);
        return new Gather(ask, r.variable("into", null), r.expr("valid", true));
    }

    @Override
    public String name() {
        return "gather";
    }

    @Override
    public List<StepRef> targets() {
        return ask.targets();
    }

    @Override
    public boolean waitsForCaller() {
        return true;
    }

    @Override
    public Execution execute(VerbContext ctx) throws FlowException {
        return new Collector(ctx, ask, (type, heard, confidence) -> {
            String value = heard;
            if (type.equals("speech") && !ask.phrases().isEmpty()) {
                value = Phrases.match(heard, ask.phrases());
                if (value == null) {
                    ctx.note("heard '" + heard + "': not one of " + ask.phrases());
                    return false;
                }
            }
            ctx.set("input", Map.of("type", type, "value", value, "confidence", confidence));
            if (into != null) {
                ctx.set(into, value);
            }
            if (valid != null && !valid.test(ctx.scope())) {
                ctx.note("'" + value + "' is not valid (" + valid.source() + ")");
                return false;
            }
            ctx.note("got " + type + " '" + value + "'" + (into != null ? " → " + into : ""));
            ctx.next();
            return true;
        }).start();
    }
}
