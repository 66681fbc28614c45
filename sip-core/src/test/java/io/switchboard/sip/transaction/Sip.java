package io.switchboard.sip.transaction;

import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import gov.nist.javax.sip.parser.StringMsgParser;
import io.switchboard.sip.transport.Transport;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;

/** Test messages written as text, the way they appear on the wire. */
public final class Sip {
    public static final InetSocketAddress PEER = new InetSocketAddress("192.0.2.10", 5060);

    private Sip() {
    }

    public static SIPMessage parse(byte[] bytes) {
        try {
            return new StringMsgParser().parseSIPMessage(bytes, true, false, null);
        } catch (ParseException e) {
            throw new IllegalArgumentException("unparseable test message: " + e.getMessage(), e);
        }
    }

    /** Lines joined with CRLF, a blank line appended; Content-Length must be among the lines. */
    public static SIPRequest request(String... lines) {
        return (SIPRequest) parse((String.join("\r\n", lines) + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
    }

    public static SIPResponse response(String... lines) {
        return (SIPResponse) parse((String.join("\r\n", lines) + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
    }

    public static Destination udp() {
        return new Destination(Transport.UDP, PEER, null);
    }

    public static Destination tcp() {
        return new Destination(Transport.TCP, PEER, null);
    }

    public static Destination over(Transport t) {
        return new Destination(t, PEER, null);
    }

    /** A request with the usual headers; {@code branch} goes into the top Via. */
    public static SIPRequest request(String method, Transport t, String branch, String callId, long cseq, String fromTag) {
        return request(
                method + " sip:bob@192.0.2.1 SIP/2.0",
                "Via: SIP/2.0/" + t.token() + " 192.0.2.10:5060;branch=" + branch,
                "Max-Forwards: 70",
                "From: \"Alice\" <sip:alice@example.com>;tag=" + fromTag,
                "To: <sip:bob@example.com>",
                "Call-ID: " + callId,
                "CSeq: " + cseq + " " + method,
                "Contact: <sip:alice@192.0.2.10:5060>",
                "Content-Length: 0");
    }

    public static SIPRequest invite(Transport t, String branch) {
        return request("INVITE", t, branch, "call-1@192.0.2.10", 1, "ft1");
    }

    /** The ACK for a non-2xx final, as RFC 3261 §17.1.1.3 builds it (same branch, response's To). */
    public static SIPRequest ackFor(SIPRequest invite, String toTag) {
        SIPRequest ack = invite.createAckRequest(null);
        try {
            ack.getTo().setTag(toTag);
        } catch (ParseException e) {
            throw new IllegalStateException(e);
        }
        return ack;
    }
}
