package io.switchboard.sip.b2bua;

import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.parser.StringMsgParser;
import io.switchboard.core.lane.Lane;
import io.switchboard.media.tick.MediaTick;
import io.switchboard.sip.SipConfig;
import io.switchboard.sip.auth.DigestAuth;
import io.switchboard.sip.directory.Directory;
import io.switchboard.sip.media.MediaService;
import io.switchboard.sip.policy.AbusePolicy;
import io.switchboard.sip.registrar.BindingStore;
import io.switchboard.sip.transaction.TransactionLayer;
import io.switchboard.sip.transport.SipTransport;
import io.switchboard.sip.trunk.InboundRouter;
import io.switchboard.sip.trunk.OutboundRouter;
import io.switchboard.sip.trunk.Trunks;
import java.text.ParseException;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicInteger;

/** What the B2BUA of one lane works with: the lane's transactions and parser, and the shared services. */
public record LaneContext(Lane lane, TransactionLayer transactions, StringMsgParser parser, SipConfig config, Directory directory,
                          BindingStore bindings, DigestAuth auth, AbusePolicy policy, SipTransport transport,
                          InstantSource clock, AtomicInteger activeCalls, String host, int port, Trunks trunks,
                          InboundRouter inbound, OutboundRouter outbound, MediaService media, MediaTick tick,
                          CallApplications applications) {

    /** Parses a request this node wrote itself; a failure is a bug in our text, reported as such. */
    public SIPRequest parseOwn(byte[] bytes) {
        try {
            SIPMessage m = parser.parseSIPMessage(bytes, true, false, null);
            return (SIPRequest) m;
        } catch (ParseException e) {
            throw new IllegalStateException("Switchboard built an unparsable request: " + e.getMessage(), e);
        }
    }
}
