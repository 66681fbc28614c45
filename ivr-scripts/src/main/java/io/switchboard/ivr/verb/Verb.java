package io.switchboard.ivr.verb;

import io.switchboard.ivr.expr.FlowException;
import java.util.List;

/**
 * One thing a step does — {@code say}, {@code menu}, {@code enqueue}… Each verb is one small class:
 * its settings (immutable, parsed and validated once per flow version, shared by every call) and its
 * {@link #execute} that starts an {@link Execution} on one call. The same verbs run voice calls and text
 * conversations.
 */
public sealed interface Verb permits Say, Play, Gather, Menu, SetVars, If, Switch, Http, Lookup, Enqueue, Dial,
        Record, Goto, Subflow, Return, Tag, Hangup {

    /** The verb's keyword in flow files. */
    String name();

    /** Starts the verb on a call. A verb that is done at once moves on through the context and returns {@link Execution#DONE}. */
    Execution execute(VerbContext ctx) throws FlowException;

    /** The steps this verb may jump to (besides its step's {@code next}). */
    default List<StepRef> targets() {
        return List.of();
    }

    /** Whether the verb can finish normally and go on to its step's {@code next} (or the step below). */
    default boolean continues() {
        return true;
    }

    /** Whether the verb waits for the caller (or a person) — a loop through such a step is not a runaway. */
    default boolean waitsForCaller() {
        return false;
    }
}
