package io.switchboard.ivr.verb;

import io.switchboard.ivr.expr.FlowException;
import io.switchboard.ivr.expr.Ssml;
import io.switchboard.ivr.expr.Template;
import io.switchboard.ivr.expr.Text;
import io.switchboard.ivr.port.Prompt;

/** Renders a verb's text into a {@link Prompt} in the call's current language and voice. */
final class Prompts {
    private Prompts() {
    }

    /**
     * The prompt for {@code text}: the step's language (else the call's), the step's voice (else the flow's
     * voice when speaking the flow's language, else the language's default voice).
     */
    static Prompt render(VerbContext ctx, Text text, String language, String voice, boolean bargeIn)
            throws FlowException {
        String lang = language != null ? language : ctx.language();
        Template t = text.pick(lang, ctx.flowLanguage());
        String rendered = t.render(ctx.scope());
        String v = voice != null ? voice : lang.equals(ctx.flowLanguage()) ? ctx.flowVoice() : null;
        boolean ssml = t.ssml();
        return new Prompt(rendered, ssml, ssml ? Ssml.toPlainText(rendered) : rendered, lang, v, bargeIn);
    }
}
