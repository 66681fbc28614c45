package io.switchboard.sip.b2bua;

import java.time.Instant;

/**
 * A call detail record, written as one log line when the call ends (logger {@code cdr}).
 * Times are absolute; empty when the phase was never reached.
 */
final class Cdr {
    String aCallId;
    String bCallId = "";
    String from;
    String to;
    String target = "";
    /** The number the caller dialled as it arrived (user part of the INVITE's Request-URI). */
    String dnis = "";
    /** The trunk the call came in on or went out through, empty between extensions. */
    String trunk = "";
    Instant setup;
    Instant ringing;
    Instant answer;
    Instant end;
    int status;
    String cause = "";
    String endedBy = "";
    String recording = "";
    /** What we received on each leg: "packets/lost/jitter-ms", empty when the call had no media. */
    String mediaA = "";
    String mediaB = "";
    double recordingSeconds;
    /** The application that answered the call (an IVR flow), empty for a call between phones. */
    String application = "";
    /** Annotations from the application (the IVR's {@code tag} verb), in order. */
    final java.util.Map<String, String> tags = new java.util.LinkedHashMap<>();

    /** An immutable copy for {@link CallRecordListener}s. */
    CallRecord record() {
        return new CallRecord(aCallId, bCallId, from, to, dnis, target, trunk, application, setup, ringing, answer, end, status,
                cause, endedBy, recording, tags);
    }

    String line() {
        long duration = answer != null && end != null ? java.time.Duration.between(answer, end).toMillis() : 0;
        return "CDR a-call-id=" + aCallId + " b-call-id=" + bCallId + " from=" + from + " to=" + to + " target=" + target
                + " setup=" + setup + " ringing=" + (ringing == null ? "" : ringing) + " answer=" + (answer == null ? "" : answer)
                + " end=" + end + " billsec=" + String.format("%.3f", duration / 1000.0) + " status=" + status + " cause=" + cause
                + " ended-by=" + endedBy + (mediaA.isEmpty() ? "" : " rtp-a=" + mediaA + " rtp-b=" + mediaB) + (recording.isEmpty() ? "" : " recording=" + recording
                + " recording-sec=" + String.format("%.1f", recordingSeconds)) + (application.isEmpty() ? "" : " application=" + application)
                + tagText();
    }

    private String tagText() {
        StringBuilder b = new StringBuilder();
        tags.forEach((k, v) -> b.append(" tag.").append(k).append('=').append(v.replace(' ', '_')));
        return b.toString();
    }
}
