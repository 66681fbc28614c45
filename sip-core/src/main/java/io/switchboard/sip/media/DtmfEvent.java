package io.switchboard.sip.media;

/**
 * A key pressed during a call, as the switch heard it.
 *
 * @param callId the caller's Call-ID (leg A), which names the call in logs and CDRs
 * @param party  {@code caller} or {@code callee}: whose leg the digit came from
 * @param digit  0-9, *, #, A-D
 * @param method {@code rfc4733} or {@code inband}
 */
public record DtmfEvent(String callId, String party, char digit, String method) {
}
