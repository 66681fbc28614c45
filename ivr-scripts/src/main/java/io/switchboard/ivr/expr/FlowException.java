package io.switchboard.ivr.expr;

/**
 * A run-time error in a flow (an expression that fails on the data it meets, an unreachable web
 * service, a value of the wrong kind). The engine sends the call to the flow's {@code on_error} step,
 * or to the safe default; the message is logged and kept in the {@code error} variable.
 */
public final class FlowException extends Exception {
    public FlowException(String message) {
        super(message, null, false, false);
    }
}
