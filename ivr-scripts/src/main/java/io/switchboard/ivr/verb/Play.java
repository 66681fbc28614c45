package io.switchboard.ivr.verb;

import io.switchboard.ivr.expr.FlowException;
import io.switchboard.ivr.expr.Template;
import java.util.Set;

/** {@code play}: play an audio file (a recorded prompt, music). Text channels may send or describe it. */
public record Play(Template file, boolean bargeIn) implements Verb {

    static final VerbType TYPE = new VerbType("play", Set.of("bargeIn"), null, true, Play::parse);

    static Play parse(StepReader r) {
        Template file = r.template("play");
        if (!r.has("play")) {
            r.missing("play", "the audio file to play, e.g. play: sounds/welcome.wav");
        }
        return new Play(file, r.bool("bargeIn", false));
    }

    @Override
    public String name() {
        return "play";
    }

    @Override
    public Execution execute(VerbContext ctx) throws FlowException {
        long op = ctx.newOp();
        ctx.session().play(op, file.render(ctx.scope()), bargeIn);
        return Speaking.started(ctx, op, bargeIn, ctx.language());
    }
}
