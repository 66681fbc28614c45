package io.switchboard.sip.transaction;

import gov.nist.javax.sip.header.To;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import io.switchboard.core.fsm.TransitionTable;
import io.switchboard.core.lane.Lane;
import java.time.Duration;

/**
 * A client transaction, RFC 3261 §17.1 with the RFC 6026 "Accepted" state for INVITE.
 *
 * <pre>
 * INVITE (Fig. 5 + RFC 6026 Fig. 4)              non-INVITE (Fig. 6)
 *   CALLING --Timer A--> CALLING (resend)          TRYING --Timer E--> TRYING (resend)
 *   CALLING --Timer B--> TERMINATED (timeout)      TRYING/PROCEEDING --Timer F--> TERMINATED (timeout)
 *   CALLING/PROCEEDING --1xx--> PROCEEDING         TRYING --1xx--> PROCEEDING
 *   CALLING/PROCEEDING --2xx--> ACCEPTED (M)       TRYING/PROCEEDING --final--> COMPLETED (Timer K)
 *   CALLING/PROCEEDING --3-6xx--> COMPLETED (ACK, Timer D)
 *   ACCEPTED --2xx--> ACCEPTED (to the TU)          COMPLETED --Timer K--> TERMINATED
 *   ACCEPTED --Timer M--> TERMINATED
 *   COMPLETED --3-6xx--> COMPLETED (ACK again)
 *   COMPLETED --Timer D--> TERMINATED
 * </pre>
 */
public final class ClientTransaction {

    /** States named as in the RFC figures. */
    public enum State { CALLING, TRYING, PROCEEDING, COMPLETED, ACCEPTED, TERMINATED }

    enum Event { RESP_1XX, RESP_2XX, RESP_ERROR, TIMER_A, TIMER_B, TIMER_D, TIMER_E, TIMER_F, TIMER_K, TIMER_M }

    /** What the TU hears from a client transaction, on its lane. */
    public interface Listener {
        void onResponse(ClientTransaction tx, SIPResponse response);

        /** Timer B or F fired: the TU acts as if a 408 arrived (§8.1.3.1). */
        void onTimeout(ClientTransaction tx);
    }

    private static final TransitionTable<State, Event> INVITE = TransitionTable.of(State.class, Event.class)
            .on(State.CALLING, Event.TIMER_A, State.CALLING)
            .on(State.CALLING, Event.TIMER_B, State.TERMINATED)
            .on(State.CALLING, Event.RESP_1XX, State.PROCEEDING)
            .on(State.CALLING, Event.RESP_2XX, State.ACCEPTED)
            .on(State.CALLING, Event.RESP_ERROR, State.COMPLETED)
            .on(State.PROCEEDING, Event.RESP_1XX, State.PROCEEDING)
            .on(State.PROCEEDING, Event.RESP_2XX, State.ACCEPTED)
            .on(State.PROCEEDING, Event.RESP_ERROR, State.COMPLETED)
            .on(State.PROCEEDING, Event.TIMER_A, State.PROCEEDING)
            .on(State.PROCEEDING, Event.TIMER_B, State.PROCEEDING)
            .on(State.COMPLETED, Event.RESP_ERROR, State.COMPLETED)
            .on(State.COMPLETED, Event.RESP_1XX, State.COMPLETED)
            .on(State.COMPLETED, Event.TIMER_D, State.TERMINATED)
            .on(State.COMPLETED, Event.TIMER_A, State.COMPLETED)
            .on(State.COMPLETED, Event.TIMER_B, State.COMPLETED)
            .on(State.ACCEPTED, Event.RESP_2XX, State.ACCEPTED)
            .on(State.ACCEPTED, Event.RESP_1XX, State.ACCEPTED)
            .on(State.ACCEPTED, Event.TIMER_A, State.ACCEPTED)
            .on(State.ACCEPTED, Event.TIMER_B, State.ACCEPTED)
            .on(State.ACCEPTED, Event.TIMER_M, State.TERMINATED);

    private static final TransitionTable<State, Event> NON_INVITE = TransitionTable.of(State.class, Event.class)
            .on(State.TRYING, Event.TIMER_E, State.TRYING)
            .on(State.TRYING, Event.TIMER_F, State.TERMINATED)
            .on(State.TRYING, Event.RESP_1XX, State.PROCEEDING)
            .on(State.TRYING, Event.RESP_2XX, State.COMPLETED)
            .on(State.TRYING, Event.RESP_ERROR, State.COMPLETED)
            .on(State.PROCEEDING, Event.TIMER_E, State.PROCEEDING)
            .on(State.PROCEEDING, Event.TIMER_F, State.TERMINATED)
            .on(State.PROCEEDING, Event.RESP_1XX, State.PROCEEDING)
            .on(State.PROCEEDING, Event.RESP_2XX, State.COMPLETED)
            .on(State.PROCEEDING, Event.RESP_ERROR, State.COMPLETED)
            .on(State.COMPLETED, Event.RESP_1XX, State.COMPLETED)
            .on(State.COMPLETED, Event.RESP_2XX, State.COMPLETED)
            .on(State.COMPLETED, Event.RESP_ERROR, State.COMPLETED)
            .on(State.COMPLETED, Event.TIMER_E, State.COMPLETED)
            .on(State.COMPLETED, Event.TIMER_F, State.COMPLETED)
            .on(State.COMPLETED, Event.TIMER_K, State.TERMINATED);

    private final TransactionLayer layer;
    private final String key;
    private final boolean invite;
    private final String method;
    private final Destination destination;
    private final byte[] bytes;
    private Listener listener;
    private SIPRequest request;
    private State state;
    private Duration retransmitInterval;
    private Lane.TimerHandle retransmitTimer = Lane.TimerHandle.NONE;
    private Lane.TimerHandle timeoutTimer = Lane.TimerHandle.NONE;
    private Lane.TimerHandle endTimer = Lane.TimerHandle.NONE;
    private byte[] ack;
    private boolean provisional;

    ClientTransaction(TransactionLayer layer, String key, SIPRequest request, Destination destination, Listener listener) {
        this.layer = layer;
        this.key = key;
        this.request = request;
        this.method = request.getMethod();
        this.invite = "INVITE".equals(method);
        this.destination = destination;
        this.listener = listener;
        this.bytes = request.encodeAsBytes(destination.transport().token());
        this.state = invite ? State.CALLING : State.TRYING;
    }

    public String key() {
        return key;
    }

    public State state() {
        return state;
    }

    public String method() {
        return method;
    }

    /** The request sent (held until the transaction ends, for CANCEL and ACK construction). */
    public SIPRequest request() {
        return request;
    }

    public Destination destination() {
        return destination;
    }

    /**
     * Replaces the listener, e.g. with a small one once the TU's call has ended, so that the
     * call's state is not kept alive by a transaction that only absorbs retransmissions.
     */
    public void listener(Listener replacement) {
        this.listener = replacement;
    }

    /** True once a provisional response arrived (a CANCEL may then be sent, §9.1). */
    public boolean hasProvisional() {
        return provisional || state == State.PROCEEDING;
    }

    /** True until a final response arrived or the transaction timed out. */
    public boolean isPending() {
        return state == State.CALLING || state == State.TRYING || state == State.PROCEEDING;
    }

    void start() {
        layer.wire().send(bytes, destination);
        TimerConfig t = layer.timers();
        if (!destination.reliable()) {
            retransmitInterval = t.t1();
            retransmitTimer = layer.lane().schedule(retransmitInterval, () -> timer(invite ? Event.TIMER_A : Event.TIMER_E));
        }
        timeoutTimer = layer.lane().schedule(t.sixtyFourT1(), () -> timer(invite ? Event.TIMER_B : Event.TIMER_F));
    }

    void onResponse(SIPResponse response) {
        int status = response.getStatusCode();
        Event e = status < 200 ? Event.RESP_1XX : status < 300 ? Event.RESP_2XX : Event.RESP_ERROR;
        State before = state;
        if (!fire(e)) {
            return;
        }
        if (before == State.COMPLETED) {
            if (invite && e == Event.RESP_ERROR && ack != null) {
                layer.wire().send(ack, destination); // §17.1.1.2: retransmitted final → ACK again
            }
            return;
        }
        if (e == Event.RESP_1XX) {
            if (invite) {
                retransmitTimer.cancel(); // Timer A stops in Proceeding
                timeoutTimer.cancel();
            } else if (!destination.reliable()) {
                retransmitInterval = layer.timers().t2();
            }
            if (before == State.ACCEPTED) {
                return;
            }
            provisional = true;
            listener.onResponse(this, response);
            return;
        }
        retransmitTimer.cancel();
        timeoutTimer.cancel();
        if (invite && e == Event.RESP_ERROR) {
            SIPRequest ackRequest = request.createAckRequest((To) response.getTo());
            ack = ackRequest.encodeAsBytes(destination.transport().token());
            layer.wire().send(ack, destination);
            request = null;
            endTimer = layer.lane().schedule(destination.reliable() ? Duration.ZERO : layer.timers().timerD(), () -> timer(Event.TIMER_D));
        } else if (invite && before != State.ACCEPTED) {
            request = null;
            endTimer = layer.lane().schedule(layer.timers().sixtyFourT1(), () -> timer(Event.TIMER_M));
        } else if (!invite) {
            request = null;
            endTimer = layer.lane().schedule(destination.reliable() ? Duration.ZERO : layer.timers().t4(), () -> timer(Event.TIMER_K));
        }
        listener.onResponse(this, response);
    }

    private void timer(Event e) {
        if (!fire(e)) {
            return;
        }
        switch (e) {
            case TIMER_A, TIMER_E -> {
                if (state == State.CALLING || state == State.TRYING || (!invite && state == State.PROCEEDING)) {
                    layer.wire().send(bytes, destination);
                    layer.counters().retransmissionsSent.increment();
                    Duration cap = invite ? null : layer.timers().t2();
                    retransmitInterval = state == State.PROCEEDING ? layer.timers().t2() : TimerConfig.doubled(retransmitInterval, cap);
                    retransmitTimer = layer.lane().schedule(retransmitInterval, () -> timer(e));
                }
            }
            case TIMER_B, TIMER_F -> {
                if (state == State.TERMINATED) {
                    listener.onTimeout(this);
                }
            }
            default -> { }
        }
    }

    private boolean fire(Event e) {
        TransitionTable<State, Event> table = invite ? INVITE : NON_INVITE;
        State next = table.next(state, e).orElse(null);
        if (next == null) {
            layer.unhandled("client " + method, state, e);
            return false;
        }
        state = next;
        if (next == State.TERMINATED) {
            retransmitTimer.cancel();
            timeoutTimer.cancel();
            endTimer.cancel();
            layer.remove(this);
        }
        return true;
    }

    void terminate() {
        retransmitTimer.cancel();
        timeoutTimer.cancel();
        endTimer.cancel();
        state = State.TERMINATED;
    }
}
