package io.switchboard.customer.cdr;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The call detail record of one call, keyed by its Call-ID. A FINAL record always has an end time, a
 * {@link HangupCause} and the side that ended it, whatever stage the call reached; an OPEN record is the
 * provisional row of a call in progress. Numbers are kept as signalled ({@code *Raw}) and in E.164 (null
 * when not a phone number, e.g. an extension or {@code anonymous}).
 */
public record Cdr(String callId, CdrState state, CallStage stage, String fromRaw, String fromE164, String toRaw, String toE164,
                  String trunk, String dnis, Instant setupAt, Instant ringingAt, Instant answerAt, Instant endAt,
                  HangupCause cause, EndedBy endedBy, List<String> ivrPath, String queue, Duration queueWait, String agentId,
                  String recordingPath, List<String> tags, List<CdrLeg> legs) {

    public Cdr {
        if (callId == null || callId.isBlank() || callId.length() > 256) {
            throw new IllegalArgumentException("a CDR needs a Call-ID of 1 to 256 characters");
        }
        if (state == null || stage == null || setupAt == null) {
            throw new IllegalArgumentException("CDR " + callId + " needs a state, a stage and a setup time");
        }
        if (state == CdrState.FINAL && (endAt == null || cause == null || endedBy == null)) {
            throw new IllegalArgumentException("final CDR " + callId + " needs an end time, a cause and the side that ended it");
        }
        ivrPath = ivrPath == null ? List.of() : List.copyOf(ivrPath);
        tags = tags == null ? List.of() : List.copyOf(tags);
        legs = legs == null ? List.of() : List.copyOf(legs);
    }

    public boolean isFinal() {
        return state == CdrState.FINAL;
    }

    /** Talk time: answer to end, zero for unanswered calls or open records. */
    public Duration billable() {
        return answerAt == null || endAt == null ? Duration.ZERO : Duration.between(answerAt, endAt);
    }
}
