package io.switchboard.ivr.verb;

import io.switchboard.ivr.expr.FlowException;
import io.switchboard.ivr.expr.Text;
import io.switchboard.ivr.port.Prompt;
import java.util.Set;

/**
 * {@code say}: speak text (TTS; an SSML subset allowed) or, on text channels, send it. The text is a
 * template, or one template per language.
 */
public record Say(Text text, String language, String voice, boolean bargeIn) implements Verb {

    static final VerbType TYPE = new VerbType("say", Set.of("language", "voice", "bargeIn"), null, true, Say::parse);

    static Say parse(StepReader r) {
        Text text = r.text("say");
        if (!r.has("say")) {
            r.missing("say", "the text to speak, e.g. say: \"Welcome to Acme\"");
        }
        return new Say(text, r.language("language"), r.voice("voice"), r.bool("bargeIn", false));
    }

    @Override
    public String name() {
        return "say";
    }

    @Override
    public Execution execute(VerbContext ctx) throws FlowException {
        Prompt p = Prompts.render(ctx, text, language, voice, bargeIn);
        long op = ctx.newOp();
        ctx.session().say(op, p);
        return Speaking.started(ctx, op, bargeIn, p.language());
    }
}
