package io.switchboard.customer.cdr;

import io.switchboard.customer.identity.IdentityNormalizer;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;

/**
 * Tracks one call's stages on its lane and produces its CDR: {@link #provisional()} at any time (written
 * at setup so a crash leaves an OPEN row that restart recovery finalises), and exactly one final record
 * from whichever way the call ends — answered and hung up by either side, busy, no answer, cancelled,
 * trunk failure. Every final record has an end time, a cause and the side that ended it, so no CDR can
 * stay in RINGING. Not thread-safe: the call's lane owns it.
 */
public final class CdrBuilder {
    private final String callId;
    private final InstantSource clock;
    private final IdentityNormalizer normalizer;
    private final String fromRaw;
    private final String toRaw;
    private final String trunk;
    private final String dnis;
    private final Instant setupAt;
    private final List<String> ivrPath = new ArrayList<>();
    private final List<String> tags = new ArrayList<>();
    private final List<CdrLeg> legs = new ArrayList<>();
    private CallStage stage = CallStage.SETUP;
    private Instant ringingAt;
    private Instant answerAt;
    private String queue;
    private Instant queuedAt;
    private Duration queueWait;
    private String agentId;
    private String recordingPath;
    private Cdr finalRecord;

    public CdrBuilder(String callId, String fromRaw, String toRaw, String trunk, String dnis, IdentityNormalizer normalizer,
                      InstantSource clock) {
        this.callId = callId;
        this.fromRaw = fromRaw;
        this.toRaw = toRaw;
        this.trunk = trunk;
        this.dnis = dnis;
        this.normalizer = normalizer;
        this.clock = clock;
        this.setupAt = clock.instant();
    }

    public CdrBuilder ringing() {
        open();
        if (ringingAt == null) {
            ringingAt = clock.instant();
            stage = stage == CallStage.ANSWERED ? stage : CallStage.RINGING;
        }
        return this;
    }

    public CdrBuilder answered() {
        open();
        if (answerAt == null) {
            answerAt = clock.instant();
            stage = CallStage.ANSWERED;
        }
        return this;
    }

    public CdrBuilder ivr(String step) {
        open();
        ivrPath.add(step);
        return this;
    }

    public CdrBuilder queued(String queueName) {
        open();
        queue = queueName;
        queuedAt = clock.instant();
        return this;
    }

    /** An agent took the call from the queue: the wait ends now. */
    public CdrBuilder agent(String id) {
        open();
        agentId = id;
        if (queuedAt != null && queueWait == null) {
            queueWait = Duration.between(queuedAt, clock.instant());
        }
        return this;
    }

    public CdrBuilder recording(String path) {
        open();
        recordingPath = path;
        return this;
    }

    public CdrBuilder tag(String tag) {
        open();
        tags.add(tag);
        return this;
    }

    public CdrBuilder leg(CdrLeg leg) {
        open();
        legs.removeIf(l -> l.legId().equals(leg.legId()));
        legs.add(leg);
        return this;
    }

    /** The caller hung up: normal clearing once answered, a cancelled call before. */
    public Cdr callerHungUp() {
        return end(EndedBy.CALLER, answerAt != null ? HangupCause.NORMAL : HangupCause.CANCELLED);
    }

    /** The callee hung up after answering. */
    public Cdr calleeHungUp() {
        return end(EndedBy.CALLEE, HangupCause.NORMAL);
    }

    /** The callee (or the network towards it) rejected the call with a final status, e.g. 486 busy, 603 decline. */
    public Cdr rejected(int sipStatus, String reason) {
        return end(EndedBy.CALLEE, new HangupCause(sipStatus, reason));
    }

    public Cdr busy() {
        return end(EndedBy.CALLEE, HangupCause.BUSY);
    }

    /** Nobody answered before the ring timeout; the switch gave up. */
    public Cdr noAnswer() {
        return end(EndedBy.SYSTEM, HangupCause.NO_ANSWER);
    }

    public Cdr cancelled() {
        return end(EndedBy.CALLER, HangupCause.CANCELLED);
    }

    /** The trunk failed (a 5xx, or no answer from the carrier); {@code sipStatus} as received or 503 when none was. */
    public Cdr trunkFailure(int sipStatus, String reason) {
        return end(EndedBy.SYSTEM, new HangupCause(sipStatus, "trunk failure: " + reason));
    }

    /** Ends the call; once only (a second end is an {@link IllegalStateException}). */
    public Cdr end(EndedBy by, HangupCause cause) {
        open();
        Instant now = clock.instant();
        Duration wait = queueWait == null && queuedAt != null ? Duration.between(queuedAt, now) : queueWait;
        finalRecord = snapshot(CdrState.FINAL, now, cause, by, wait);
        return finalRecord;
    }

    /** The record so far, OPEN (or the final record once ended). */
    public Cdr provisional() {
        return finalRecord != null ? finalRecord : snapshot(CdrState.OPEN, null, null, null, queueWait);
    }

    public boolean ended() {
        return finalRecord != null;
    }

    private Cdr snapshot(CdrState state, Instant endAt, HangupCause cause, EndedBy by, Duration wait) {
        return new Cdr(callId, state, stage, fromRaw, Numbers.e164(normalizer, fromRaw), toRaw, Numbers.e164(normalizer, toRaw),
                trunk, dnis, setupAt, ringingAt, answerAt, endAt, cause, by, ivrPath, queue, wait, agentId, recordingPath, tags, legs);
    }

    private void open() {
        if (finalRecord != null) {
            throw new IllegalStateException("CDR " + callId + " is already final (" + finalRecord.cause().reason() + ")");
        }
    }
}
