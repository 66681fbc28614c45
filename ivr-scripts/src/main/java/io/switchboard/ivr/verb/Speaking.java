package io.switchboard.ivr.verb;

import io.switchboard.ivr.port.InputSpec;
import io.switchboard.ivr.port.SessionEvent;
import io.switchboard.ivr.port.SessionInfo;
import java.util.List;

/**
 * A prompt or file being played by {@code say} / {@code play}: moves on when it is done; with barge-in,
 * a key or the caller starting to talk cuts it short (the input itself is not kept).
 */
final class Speaking implements Execution {
    private final VerbContext ctx;
    private final long op;
    private long listenOp;

    private Speaking(VerbContext ctx, long op) {
        this.ctx = ctx;
        this.op = op;
    }

    /** Starts listening for barge-in (when asked) after the prompt {@code op} was started. */
    static Speaking started(VerbContext ctx, long op, boolean bargeIn, String language) {
        Speaking s = new Speaking(ctx, op);
        if (bargeIn && ctx.info().media() == SessionInfo.Media.VOICE) {
            s.listenOp = ctx.newOp();
            ctx.session().listen(s.listenOp, new InputSpec(true, true, List.of(), language));
        }
        return s;
    }

    @Override
    public void onEvent(SessionEvent e) {
        if (e.op() == op) {
            if (e instanceof SessionEvent.PromptDone) {
                stopListening();
                ctx.next();
            } else if (e instanceof SessionEvent.Failed f) {
                stopListening();
                ctx.fail("the prompt could not be played: " + f.reason());
            }
        } else if (listenOp != 0 && e.op() == listenOp && (e instanceof SessionEvent.Digit
                || e instanceof SessionEvent.SpeechStarted || e instanceof SessionEvent.Speech)) {
            kill();
            ctx.bargeIn();
            ctx.next();
        }
    }

    private void stopListening() {
        if (listenOp != 0) {
            ctx.session().cancel(listenOp);
            listenOp = 0;
        }
    }

    @Override
    public void kill() {
        ctx.session().cancel(op);
        stopListening();
    }
}
