package io.switchboard.ivr.verb;

import io.switchboard.ivr.port.SessionEvent;
import io.switchboard.ivr.source.Durations;
import java.time.Duration;

/**
 * Waiting for the caller to be connected to a person ({@code dial}, {@code enqueue}): the flow ends with
 * {@link Outcome.Connected} when the session reports the connection; a failure, or nobody within
 * {@code deadline}, sets {@code error} and goes to the failure step (or the next step).
 */
final class Connecting {
    private Connecting() {
    }

    /**
     * @param op       the session operation that connects (already started)
     * @param kind     {@code dial} or {@code queue}, for the outcome and messages
     * @param target   the number or queue
     * @param late     what the deadline means, e.g. "no answer" ("within 30s" is added)
     */
    static Execution await(VerbContext ctx, long op, String kind, String target, Duration deadline, String late, StepRef onFailure) {
        ctx.schedule(deadline, () -> {
            ctx.session().cancel(op);
            failed(ctx, kind, target, late + " within " + Durations.format(deadline), onFailure);
        });
        return new Execution() {
            @Override
            public void onEvent(SessionEvent e) {
                if (e.op() != op) {
                    return;
                }
                if (e instanceof SessionEvent.Connected c) {
                    ctx.end(new Outcome.Connected(kind, target, c.party()));
                } else if (e instanceof SessionEvent.Failed f) {
                    failed(ctx, kind, target, f.reason(), onFailure);
                }
            }

            @Override
            public void kill() {
                ctx.session().cancel(op);
            }
        };
    }

    private static void failed(VerbContext ctx, String kind, String target, String reason, StepRef onFailure) {
        ctx.set("error", kind + " " + target + ": " + reason);
        ctx.note(kind + " " + target + ": " + reason + " → " + (onFailure != null ? onFailure.step() : "next step"));
        ctx.goTo(onFailure);
    }
}
