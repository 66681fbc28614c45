package io.switchboard.ivr.exec;

import io.switchboard.ivr.expr.Text;
import io.switchboard.ivr.script.Flow;
import io.switchboard.ivr.script.Step;
import io.switchboard.ivr.source.Position;
import io.switchboard.ivr.verb.Enqueue;
import io.switchboard.ivr.verb.Hangup;
import io.switchboard.ivr.verb.Say;
import io.switchboard.ivr.verb.StepRef;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The safe default, a built-in flow for when a flow fails and has no {@code on_error} (or that fails too),
 * runs away, or cannot be found: apologise, wait for an agent of the default queue, and if none answers
 * hang up. Never dead air.
 */
final class SafeFlow {
    static final String NAME = "(safe default)";

    private SafeFlow() {
    }

    static Flow build(Limits limits) {
        Position at = new Position(NAME, 1, 1);
        Map<String, Step> steps = new LinkedHashMap<>();
        steps.put("apology", new Step("apology", new Say(Text.literal(limits.apology()), null, null, false), null, at, 0));
        steps.put("queue", new Step("queue", new Enqueue(limits.defaultQueue(), 9, List.of(), null, null,
                Duration.ofSeconds(30), Duration.ofMinutes(5), new StepRef("bye", "overflow", at)), null, at, 1));
        steps.put("bye", new Step("bye", new Hangup("no agent available after an error"), null, at, 2));
        return new Flow(NAME, NAME, "", "en-US", null, ZoneOffset.UTC, new StepRef("apology", "start", at), null,
                Map.of(), List.of(), steps, Set.of());
    }
}
