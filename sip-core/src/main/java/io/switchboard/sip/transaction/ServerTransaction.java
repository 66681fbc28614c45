package io.switchboard.sip.transaction;

import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import io.switchboard.core.fsm.TransitionTable;
import io.switchboard.core.lane.Lane;
import java.time.Duration;

/**
 * A server transaction, RFC 3261 §17.2 with the RFC 6026 "Accepted" state for INVITE.
 *
 * <pre>
 * INVITE (Fig. 7 + RFC 6026 Fig. 5)            non-INVITE (Fig. 8)
 *   PROCEEDING --1xx--> PROCEEDING               TRYING --1xx--> PROCEEDING
 *   PROCEEDING --2xx--> ACCEPTED  (Timer L)      TRYING/PROCEEDING --final--> COMPLETED (Timer J)
 *   PROCEEDING --3-6xx--> COMPLETED (G, H)       COMPLETED --Timer J--> TERMINATED
 *   COMPLETED --ACK--> CONFIRMED (Timer I)
 *   COMPLETED --Timer H--> TERMINATED
 *   CONFIRMED --Timer I--> TERMINATED
 *   ACCEPTED --Timer L--> TERMINATED
 * </pre>
 * Request retransmissions are absorbed (the last response is sent again where the RFC says so).
 * While ACCEPTED the transaction itself retransmits the 2xx (§13.3.1.4) until the TU reports the
 * ACK, so a lost 200 or ACK is recovered without the TU keeping timers.
 */
public final class ServerTransaction {

    /** States named as in the RFC figures. */
    public enum State { TRYING, PROCEEDING, COMPLETED, CONFIRMED, ACCEPTED, TERMINATED }

    enum Event { RETRANSMIT, SEND_1XX, SEND_2XX, SEND_ERROR, ACK, ACK_2XX, TIMER_G, TIMER_H, TIMER_I, TIMER_J, TIMER_L }

    private static final TransitionTable<State, Event> INVITE = TransitionTable.of(State.class, Event.class)
            .on(State.PROCEEDING, Event.RETRANSMIT, State.PROCEEDING)
            .on(State.PROCEEDING, Event.SEND_1XX, State.PROCEEDING)
            .on(State.PROCEEDING, Event.SEND_2XX, State.ACCEPTED)
            .on(State.PROCEEDING, Event.SEND_ERROR, State.COMPLETED)
            .on(State.PROCEEDING, Event.ACK_2XX, State.PROCEEDING)
            .on(State.COMPLETED, Event.RETRANSMIT, State.COMPLETED)
            .on(State.COMPLETED, Event.TIMER_G, State.COMPLETED)
            .on(State.COMPLETED, Event.ACK, State.CONFIRMED)
            .on(State.COMPLETED, Event.TIMER_H, State.TERMINATED)
            .on(State.CONFIRMED, Event.RETRANSMIT, State.CONFIRMED)
            .on(State.CONFIRMED, Event.ACK, State.CONFIRMED)
            .on(State.CONFIRMED, Event.TIMER_I, State.TERMINATED)
            .on(State.ACCEPTED, Event.RETRANSMIT, State.ACCEPTED)
            .on(State.ACCEPTED, Event.SEND_2XX, State.ACCEPTED)
            .on(State.ACCEPTED, Event.TIMER_G, State.ACCEPTED)
            .on(State.ACCEPTED, Event.ACK_2XX, State.ACCEPTED)
            .on(State.ACCEPTED, Event.ACK, State.ACCEPTED)
            .on(State.ACCEPTED, Event.TIMER_L, State.TERMINATED);

    private static final TransitionTable<State, Event> NON_INVITE = TransitionTable.of(State.class, Event.class)
            .on(State.TRYING, Event.RETRANSMIT, State.TRYING)
            .on(State.TRYING, Event.SEND_1XX, State.PROCEEDING)
            .on(State.TRYING, Event.SEND_2XX, State.COMPLETED)
            .on(State.TRYING, Event.SEND_ERROR, State.COMPLETED)
            .on(State.PROCEEDING, Event.RETRANSMIT, State.PROCEEDING)
            .on(State.PROCEEDING, Event.SEND_1XX, State.PROCEEDING)
            .on(State.PROCEEDING, Event.SEND_2XX, State.COMPLETED)
            .on(State.PROCEEDING, Event.SEND_ERROR, State.COMPLETED)
            .on(State.COMPLETED, Event.RETRANSMIT, State.COMPLETED)
            .on(State.COMPLETED, Event.TIMER_J, State.TERMINATED);

    private final TransactionLayer layer;
    private final String key;
    private final boolean invite;
    private final Destination replyTo;
    private final String method;
    private SIPRequest request;
    private State state;
    private byte[] lastResponse;
    private int lastStatus;
    private Duration retransmitInterval;
    private Lane.TimerHandle retransmitTimer = Lane.TimerHandle.NONE;
    private Lane.TimerHandle endTimer = Lane.TimerHandle.NONE;
    private Runnable onNoAck;
    String mergeKey;

    ServerTransaction(TransactionLayer layer, String key, SIPRequest request, Destination replyTo) {
        this.layer = layer;
        this.key = key;
        this.request = request;
        this.method = request.getMethod();
        this.invite = "INVITE".equals(method);
        this.replyTo = replyTo;
        this.state = invite ? State.PROCEEDING : State.TRYING;
    }

    public String key() {
        return key;
    }

    public State state() {
        return state;
    }

    /** The request that created the transaction (released once a final response is sent). */
    public SIPRequest request() {
        return request;
    }

    public String method() {
        return method;
    }

    public Destination replyTo() {
        return replyTo;
    }

    public int lastStatus() {
        return lastStatus;
    }

    /** True until a final response has been sent. */
    public boolean isPending() {
        return state == State.TRYING || state == State.PROCEEDING;
    }

    /** For INVITE: what to run if the 2xx is never acknowledged (Timer L fires while unacknowledged). */
    public void onNoAck(Runnable action) {
        this.onNoAck = action;
    }

    /** Sends a response from the TU; the transaction retransmits it as the RFC requires. */
    public void respond(SIPResponse response) {
        int status = response.getStatusCode();
        Event e = status < 200 ? Event.SEND_1XX : status < 300 ? Event.SEND_2XX : Event.SEND_ERROR;
        byte[] bytes = response.encodeAsBytes(replyTo.transport().token());
        if (fire(e)) {
            lastResponse = bytes;
            lastStatus = status;
            layer.wire().send(bytes, replyTo);
            enter(e);
        }
    }

    /** The TU saw the ACK for our 2xx (it matches the dialog, not this transaction). */
    public void ackReceived() {
        if (state == State.TERMINATED) {
            return; // Timer L already ended it; a late ACK needs nothing more
        }
        fire(Event.ACK_2XX);
        retransmitTimer.cancel();
        if (state == State.ACCEPTED) {
            lastResponse = null;
            onNoAck = null;
        }
    }

    void onRetransmission() {
        if (fire(Event.RETRANSMIT)) {
            layer.counters().retransmissionsAbsorbed.increment();
            boolean resend = (state == State.PROCEEDING || state == State.COMPLETED) && lastResponse != null;
            if (resend) {
                layer.wire().send(lastResponse, replyTo);
            }
        }
    }

    void onAck() {
        State before = state;
        if (fire(Event.ACK) && before == State.COMPLETED) { // Timer I starts on entering Confirmed, not on each ACK
            retransmitTimer.cancel();
            endTimer.cancel();
            Duration i = replyTo.reliable() ? Duration.ZERO : layer.timers().t4();
            endTimer = layer.lane().schedule(i, () -> timer(Event.TIMER_I));
        }
    }

    private void enter(Event e) {
        TimerConfig t = layer.timers();
        boolean unreliable = !replyTo.reliable();
        if (invite && e == Event.SEND_ERROR) {
            request = null;
            onNoAck = null;
            if (unreliable) {
                retransmitInterval = t.t1();
                retransmitTimer = layer.lane().schedule(retransmitInterval, () -> timer(Event.TIMER_G));
            }
            endTimer = layer.lane().schedule(t.sixtyFourT1(), () -> timer(Event.TIMER_H));
        } else if (invite && e == Event.SEND_2XX && endTimer == Lane.TimerHandle.NONE) {
            request = null;
            // §13.3.1.4: the 2xx is retransmitted whatever the transport (there may be UDP hops beyond it)
            retransmitInterval = t.t1();
            retransmitTimer = layer.lane().schedule(retransmitInterval, () -> timer(Event.TIMER_G));
            endTimer = layer.lane().schedule(t.sixtyFourT1(), () -> timer(Event.TIMER_L));
        } else if (!invite && state == State.COMPLETED) {
            request = null;
            endTimer = layer.lane().schedule(unreliable ? t.sixtyFourT1() : Duration.ZERO, () -> timer(Event.TIMER_J));
        }
    }

    private void timer(Event e) {
        if (!fire(e)) {
            return;
        }
        if (e == Event.TIMER_G) {
            if (lastResponse != null) {
                layer.wire().send(lastResponse, replyTo);
                layer.counters().retransmissionsSent.increment();
                retransmitInterval = TimerConfig.doubled(retransmitInterval, layer.timers().t2());
                retransmitTimer = layer.lane().schedule(retransmitInterval, () -> timer(Event.TIMER_G));
            }
        } else if (e == Event.TIMER_L && onNoAck != null) {
            Runnable r = onNoAck;
            onNoAck = null;
            r.run();
        }
    }

    /** Applies the table; false (and a counted unhandled event) when the event has no row. */
    private boolean fire(Event e) {
        TransitionTable<State, Event> table = invite ? INVITE : NON_INVITE;
        State next = table.next(state, e).orElse(null);
        if (next == null) {
            layer.unhandled("server " + method, state, e);
            return false;
        }
        state = next;
        if (next == State.TERMINATED) {
            retransmitTimer.cancel();
            endTimer.cancel();
            lastResponse = null;
            layer.remove(this);
        }
        return true;
    }

    /** Ends the transaction at once (shutdown). */
    void terminate() {
        retransmitTimer.cancel();
        endTimer.cancel();
        state = State.TERMINATED;
    }
}
