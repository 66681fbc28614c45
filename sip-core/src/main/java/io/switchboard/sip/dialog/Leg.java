package io.switchboard.sip.dialog;

import gov.nist.javax.sip.message.SIPRequest;
import io.switchboard.sip.transport.Flow;
import io.switchboard.sip.transport.Transport;
import java.util.ArrayList;
import java.util.List;

/**
 * One side of a B2BUA call: the dialog state we keep as a UA towards one peer (RFC 3261 §12):
 * Call-ID, local and remote tags and URIs, remote target, route set and CSeq counters, plus the
 * flow used to reach the peer (TCP connection reuse).
 */
public final class Leg {
    /** Which side of the call. */
    public enum Side { A, B }

    public final Side side;
    public final String callId;
    public final String localTag;
    public String remoteTag;
    /** Our URI in this dialog, as name-addr text (From for a B leg, To for the A leg). */
    public final String localUri;
    /** The peer's URI, as name-addr text without tag. */
    public final String remoteUri;
    /** The peer's Contact URI (where in-dialog requests go). */
    public String remoteTarget;
    /** Route set, in the order Route headers are written (§12.1.1, §12.1.2). */
    public List<String> routeSet = new ArrayList<>();
    public long localCseq;
    public long remoteCseq;
    public Flow flow;
    public final Transport transport;
    /** The INVITE that created this leg (received for A, sent for B). */
    public SIPRequest invite;
    /** True once the dialog is confirmed (2xx seen). */
    public boolean confirmed;
    /** An in-dialog INVITE/UPDATE we relayed to this leg and have not had a final for. */
    public boolean outgoingReinvite;
    /** An in-dialog INVITE/UPDATE received on this leg still awaiting our final response. */
    public boolean incomingReinvite;
    /** The bytes of the ACK last sent on this leg for a 2xx, to repeat if that 2xx is retransmitted. */
    public byte[] lastAck;
    public long lastAckCseq;
    /** CSeq of the last INVITE sent on this leg (the one a 2xx ACK refers to). */
    public long inviteCseq;
    public Object owner;

    public Leg(Side side, String callId, String localTag, String localUri, String remoteUri, Transport transport) {
        this.side = side;
        this.callId = callId;
        this.localTag = localTag;
        this.localUri = localUri;
        this.remoteUri = remoteUri;
        this.transport = transport;
    }
}
