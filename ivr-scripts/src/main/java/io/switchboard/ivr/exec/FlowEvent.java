package io.switchboard.ivr.exec;

import io.switchboard.ivr.verb.Outcome;
import java.time.Instant;

/**
 * What happened in a running flow, for CDRs, dashboards, logs and the simulator's transcript. Every verb
 * emits {@link StepStarted} and {@link StepFinished}; all events of a call are emitted on its lane, in order.
 */
public sealed interface FlowEvent {

    String callId();

    Instant at();

    /** A call entered a flow (version {@code version} of it). */
    record FlowStarted(String callId, String flow, int version, Instant at) implements FlowEvent {
    }

    /** A step's verb started. */
    record StepStarted(String callId, String flow, String step, String verb, Instant at) implements FlowEvent {
    }

    /** A step's verb finished: {@code result} says how ("next", "goto billing", "error: …", "caller hung up"). */
    record StepFinished(String callId, String flow, String step, String verb, String result, Instant at)
            implements FlowEvent {
    }

    /** A choice the flow made or met: a menu option, a condition, a timeout. */
    record Decision(String callId, String flow, String step, String text, Instant at) implements FlowEvent {
    }

    /** A variable got a value. */
    record VariableSet(String callId, String name, Object value, Instant at) implements FlowEvent {
    }

    /** The caller cut a prompt short. */
    record BargeIn(String callId, String flow, String step, Instant at) implements FlowEvent {
    }

    /** A run-time error; the flow goes on at {@code on_error} or the safe default. */
    record Error(String callId, String flow, String step, String reason, Instant at) implements FlowEvent {
    }

    /** The flow is over; {@code steps} counts the steps run. */
    record FlowEnded(String callId, Outcome outcome, int steps, Instant at) implements FlowEvent {
    }
}
