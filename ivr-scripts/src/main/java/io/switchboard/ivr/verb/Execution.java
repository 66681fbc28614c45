package io.switchboard.ivr.verb;

import io.switchboard.ivr.expr.FlowException;
import io.switchboard.ivr.port.SessionEvent;

/**
 * One verb running on one call (jambonz's execute/kill): it gets the session events for the operations
 * it started, and is killed when the call ends or the flow is interrupted. Timers the verb scheduled through
 * its {@link VerbContext} are cancelled by the engine; {@link #kill()} cancels what it asked of the session.
 */
public interface Execution {

    /** Nothing left to do: the verb finished while it was started. */
    Execution DONE = () -> { };

    /** A session result; verbs ignore those of operations that are not theirs. */
    default void onEvent(SessionEvent event) throws FlowException {
    }

    /** Stop now, without moving on (the engine decides what comes next). */
    void kill();
}
