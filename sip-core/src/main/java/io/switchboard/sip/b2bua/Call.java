package io.switchboard.sip.b2bua;

import gov.nist.javax.sip.message.SIPRequest;
import io.switchboard.core.lane.Lane;
import io.switchboard.media.record.BridgeRecording;
import io.switchboard.sip.trunk.Trunk;
import io.switchboard.sip.trunk.TrunkStatus;
import io.switchboard.sip.dialog.Leg;
import io.switchboard.sip.transaction.ClientTransaction;
import io.switchboard.sip.transaction.Destination;
import io.switchboard.sip.transaction.ServerTransaction;
import java.util.ArrayList;
import java.util.List;

/**
 * A call through the B2BUA: the caller's leg A, the forks towards the callee's contacts (parallel
 * forking, first 2xx wins) and, once answered, the winning leg B. Lives on one lane.
 */
final class Call {
    /** Call phases. */
    enum State { ROUTING, EARLY, ANSWERED, CONFIRMED, ENDED }

    /** One branch of the fork towards a callee contact. */
    static final class Fork {
        final Leg leg;
        final Target target;
        ClientTransaction tx;
        /** The trunk channel this fork holds, released when it fails or the call ends. */
        TrunkStatus trunkHeld;
        /** True once a 401/407 was answered with credentials (answered only once). */
        boolean authTried;
        boolean cancelWanted;
        boolean cancelSent;
        int finalStatus;
        String finalReason;
        /** For a call answered by an application: the dial this fork belongs to. */
        int dialGeneration;

        Fork(Leg leg, Target target) {
            this.leg = leg;
            this.target = target;
        }
    }

    /**
     * Where one fork goes: its Request-URI and destination, the From/To it presents; for a trunk, its
     * status (channels), credentials for a challenge and extra identity headers (complete lines).
     */
    record Target(Destination destination, String uri, String from, String to, String label, TrunkStatus trunk,
                  Trunk.Credentials credentials, String extraHeaders) {
        Target(Destination destination, String uri, String from, String to, String label) {
            this(destination, uri, from, to, label, null, null, "");
        }
    }

    State state = State.ROUTING;
    /** Targets still to try, one after the other, when every fork so far failed with 5xx/408 (trunk failover). */
    final List<Target> failover = new ArrayList<>();
    /** The anchored media; closed when the call ends. */
    CallMedia media;
    /** The trunk channel an inbound trunk call holds, released when the call ends. */
    TrunkStatus inboundTrunk;
    /** The call's recording, from the answer on, when recording is on. */
    BridgeRecording recording;
    /** True when the caller's INVITE carried an offer (else our offer goes to the caller in the 2xx). */
    boolean aOffered;
    String contentType;
    byte[] body;
    int maxForwards;
    final Leg a;
    final ServerTransaction aTx;
    final SIPRequest aInvite;
    final List<Fork> forks = new ArrayList<>();
    Leg b;
    Lane.TimerHandle ringTimer = Lane.TimerHandle.NONE;
    final Cdr cdr = new Cdr();
    /** Set when the switch answered the call for an application (an IVR flow) instead of ringing a phone. */
    LocalCall local;

    Call(Leg a, ServerTransaction aTx, SIPRequest aInvite) {
        this.a = a;
        this.aTx = aTx;
        this.aInvite = aInvite;
    }

    Leg other(Leg leg) {
        return leg == a ? b : a;
    }

    boolean allForksFailed() {
        for (Fork f : forks) {
            if (local != null && f.dialGeneration != local.dialGeneration) {
                continue;
            }
            if (f.finalStatus == 0 || (f.finalStatus >= 200 && f.finalStatus < 300)) {
                return false;
            }
        }
        return true;
    }

    /** The response to give the caller when every fork failed (RFC 3261 §16.7 step 6, simplified). */
    Fork bestFailure() {
        Fork best = null;
        for (Fork f : forks) {
            if (local != null && f.dialGeneration != local.dialGeneration) {
                continue;
            }
            if (best == null || rank(f.finalStatus) < rank(best.finalStatus)) {
                best = f;
            }
        }
        return best;
    }

    private static int rank(int status) {
        if (status == 486 || status == 600 || status == 603) {
            return 0;
        }
        if (status >= 600) {
            return 1;
        }
        if (status >= 400 && status < 500 && status != 408) {
            return 2;
        }
        if (status >= 300 && status < 400) {
            return 3;
        }
        if (status == 408) {
            return 4;
        }
        return 5;
    }
}
