package io.switchboard.customer.cdr;

/**
 * Why a call ended: the SIP status that ended it (RFC 3261 §21; 200 for an answered call cleared by BYE)
 * and a reason phrase for people. Every final CDR has one.
 */
public record HangupCause(int sipStatus, String reason) {
    /** Answered, then cleared normally by BYE. */
    public static final HangupCause NORMAL = new HangupCause(200, "normal clearing");
    /** 486 Busy Here (RFC 3261 §21.4.24). */
    public static final HangupCause BUSY = new HangupCause(486, "busy");
    /** 480 Temporarily Unavailable after the ring timeout (RFC 3261 §21.4.18). */
    public static final HangupCause NO_ANSWER = new HangupCause(480, "no answer");
    /** 487 Request Terminated: the caller sent CANCEL before the answer (RFC 3261 §9). */
    public static final HangupCause CANCELLED = new HangupCause(487, "cancelled");
    /** 503 Service Unavailable from, or no response from, the carrier trunk. */
    public static final HangupCause TRUNK_FAILURE = new HangupCause(503, "trunk failure");
    /** The switch stopped while the call was up; the CDR was finalised at the next start. */
    public static final HangupCause SWITCH_RESTART = new HangupCause(500, "switch restart");

    public HangupCause {
        if (sipStatus < 100 || sipStatus > 699) {
            throw new IllegalArgumentException("SIP status must be 100 to 699, got " + sipStatus);
        }
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("a hang-up cause needs a reason");
        }
    }
}
