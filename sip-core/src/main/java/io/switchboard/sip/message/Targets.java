package io.switchboard.sip.message;

import gov.nist.javax.sip.address.SipUri;
import io.switchboard.sip.transaction.Destination;
import io.switchboard.sip.transport.Flow;
import io.switchboard.sip.transport.Transport;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import javax.sip.address.URI;

/**
 * Where to send a request for a URI (a simplified RFC 3263: numeric hosts or names resolved by the
 * system resolver, port 5060 by default, {@code transport=} parameter honoured).
 */
public final class Targets {
    private Targets() {
    }

    /** The destination for {@code uri}; null when it is not a SIP URI or cannot be resolved. */
    public static Destination of(URI uri, Flow preferred) {
        if (!(uri instanceof SipUri sip)) {
            return null;
        }
        Transport t = Transport.fromToken(sip.getTransportParam());
        if (t == null) {
            t = sip.isSecure() ? Transport.TCP : Transport.UDP;
        }
        int port = sip.getPort() > 0 ? sip.getPort() : 5060;
        String host = sip.getHost();
        if (host == null) {
            return null;
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        try {
            InetSocketAddress addr = new InetSocketAddress(InetAddress.getByName(host), port);
            Flow flow = preferred != null && preferred.transport() == t && preferred.remote().equals(addr) ? preferred : null;
            return new Destination(t, addr, flow);
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
