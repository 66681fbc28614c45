package io.switchboard.sip.b2bua;

import java.time.Instant;
import java.util.Map;

/**
 * An immutable snapshot of one call's detail record, handed to a {@link CallRecordListener} when the call
 * starts (setup only) and when it ends (every field known). Safe to pass off the call's lane: it holds no
 * JAIN-SIP objects.
 *
 * @param callId      Call-ID of leg A (the caller's INVITE)
 * @param bCallId     Call-ID of the answering leg B, empty when none answered
 * @param from        the caller as the switch knows it: an extension (authenticated user) or a trunk's calling number
 * @param to          what the switch routed the call to (an extension, a number, a flow's number)
 * @param dnis        the number as the caller dialled it (user part of the INVITE's Request-URI), empty when none
 * @param target      the Request-URI of the leg that answered, empty when none did
 * @param trunk       the trunk the call came in on or went out through, empty for calls between extensions
 * @param application the flow that answered the call, empty for a call between phones
 * @param status      the SIP status that ended the call (200 for an answered call), 0 while the call is up
 * @param cause       why the call ended, empty while it is up
 * @param endedBy     {@code caller}, {@code callee}, {@code switch} or {@code application}; empty while up
 * @param recording   path of the call's recording, empty when none
 * @param tags        the application's annotations (the IVR's {@code tag} verb), in order
 */
public record CallRecord(String callId, String bCallId, String from, String to, String dnis, String target, String trunk, String application,
                         Instant setup, Instant ringing, Instant answer, Instant end, int status, String cause, String endedBy,
                         String recording, Map<String, String> tags) {

    public CallRecord {
        tags = Map.copyOf(tags);
    }

    /** True once the call has ended ({@link CallRecordListener#callEnded}). */
    public boolean ended() {
        return end != null;
    }
}
