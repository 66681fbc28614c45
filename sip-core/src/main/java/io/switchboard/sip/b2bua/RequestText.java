package io.switchboard.sip.b2bua;

import io.switchboard.core.id.Ids;
import io.switchboard.sip.dialog.Leg;
import io.switchboard.sip.transport.Transport;
import java.nio.charset.StandardCharsets;

/**
 * Writes the requests the B2BUA originates on a leg (§8.1.1, §12.2.1.1) as SIP text. Branches
 * carry the {@code z9hG4bKsb} prefix, which also lets us recognise our own requests coming back
 * (loop detection).
 */
final class RequestText {
    static final String BRANCH_PREFIX = "z9hG4bKsb";

    private final String host;
    private final int port;

    RequestText(String host, int port) {
        this.host = host;
        this.port = port;
    }

    String sentBy() {
        return host + ":" + port;
    }

    String via(Transport t) {
        return "SIP/2.0/" + t.token() + " " + host + ":" + port + ";branch=" + BRANCH_PREFIX + Ids.token(16) + ";rport";
    }

    String contact(Transport t) {
        return "<sip:sb@" + host + ":" + port + (t == Transport.TCP ? ";transport=tcp" : "") + ">";
    }

    /**
     * An in-dialog or dialog-creating request on {@code leg}. {@code extraHeaders} are complete
     * lines ending in CRLF; {@code body} may be null.
     */
    byte[] request(Leg leg, String method, String requestUri, long cseq, int maxForwards, boolean withContact,
                   String contentType, byte[] body, String extraHeaders) {
        StringBuilder sb = new StringBuilder(512);
        sb.append(method).append(' ').append(requestUri).append(" SIP/2.0\r\n");
        sb.append("Via: ").append(via(leg.transport)).append("\r\n");
        sb.append("Max-Forwards: ").append(maxForwards).append("\r\n");
        for (String r : leg.routeSet) {
            sb.append("Route: ").append(r).append("\r\n");
        }
        sb.append("From: ").append(leg.localUri).append(";tag=").append(leg.localTag).append("\r\n");
        sb.append("To: ").append(leg.remoteUri);
        if (leg.remoteTag != null) {
            sb.append(";tag=").append(leg.remoteTag);
        }
        sb.append("\r\n");
        sb.append("Call-ID: ").append(leg.callId).append("\r\n");
        sb.append("CSeq: ").append(cseq).append(' ').append(method).append("\r\n");
        if (withContact) {
            sb.append("Contact: ").append(contact(leg.transport)).append("\r\n");
        }
        if (extraHeaders != null) {
            sb.append(extraHeaders);
        }
        int length = body == null ? 0 : body.length;
        if (length > 0 && contentType != null) {
            sb.append("Content-Type: ").append(contentType).append("\r\n");
        }
        sb.append("Content-Length: ").append(length).append("\r\n\r\n");
        byte[] head = sb.toString().getBytes(StandardCharsets.UTF_8);
        if (length == 0) {
            return head;
        }
        byte[] out = new byte[head.length + length];
        System.arraycopy(head, 0, out, 0, head.length);
        System.arraycopy(body, 0, out, head.length, length);
        return out;
    }
}
