package io.switchboard.ivr.verb;

import io.switchboard.ivr.expr.FlowException;
import io.switchboard.ivr.expr.Text;
import io.switchboard.ivr.port.QueueRequest;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * {@code enqueue}: wait for an agent of a queue, with a priority and required skills, hold music and a
 * repeated announcement. When an agent answers the flow is over; after {@code maxWait} (or if the queue
 * refuses the call) the flow goes to {@code overflow} (or the next step).
 */
public record Enqueue(String queue, int priority, List<String> skills, String holdMusic, Text announce,
        Duration announceEvery, Duration maxWait, StepRef overflow) implements Verb {

    static final VerbType TYPE = new VerbType("enqueue", Set.of("priority", "skills", "holdMusic", "announce",
            "announceEvery", "maxWait", "overflow"), null, true, Enqueue::parse);

    static Enqueue parse(StepReader r) {
        String q = r.queue("enqueue");
        if (!r.has("enqueue")) {
            r.missing("enqueue", "the queue to wait in, e.g. enqueue: support");
        }
        return new Enqueue(q, r.integer("priority", 5, 0, 10), r.strings("skills"), r.string("holdMusic", null),
                r.text("announce"), r.duration("announceEvery", Duration.ofSeconds(30), Duration.ofSeconds(10),
                        Duration.ofMinutes(10)),
                r.duration("maxWait", Duration.ofMinutes(5), Duration.ofSeconds(10), Duration.ofHours(2)),
                r.stepRef("overflow"));
    }

    @Override
    public String name() {
        return "enqueue";
    }

    @Override
    public List<StepRef> targets() {
        return overflow == null ? List.of() : List.of(overflow);
    }

    @Override
    public boolean waitsForCaller() {
        return true;
    }

    @Override
    public Execution execute(VerbContext ctx) throws FlowException {
        String announcement = announce == null ? null : Prompts.render(ctx, announce, null, null, false).plain();
        long op = ctx.newOp();
        ctx.session().enqueue(op, new QueueRequest(queue, priority, skills, holdMusic, announcement, announceEvery,
                maxWait, ctx.language()));
        return Connecting.await(ctx, op, "queue", queue, maxWait, "nobody answered", overflow);
    }
}
