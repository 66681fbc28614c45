package io.switchboard.sip.codec;

import gov.nist.javax.sip.header.CSeq;
import gov.nist.javax.sip.header.CallID;
import gov.nist.javax.sip.header.From;
import gov.nist.javax.sip.header.To;
import gov.nist.javax.sip.header.Via;
import gov.nist.javax.sip.header.ViaList;
import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import gov.nist.javax.sip.parser.StringMsgParser;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Turns the bytes of one framed SIP message into a {@link Decoded} (RFC 3261 §7, §8.2, §18.3 and
 * the RFC 4475 / RFC 5118 torture cases). Strict checks on the raw text ({@link StartLineCheck},
 * {@link HeaderCheck}) come first and name the fault; JAIN-SIP's {@link StringMsgParser} then builds
 * the message. Malformed requests become {@link Decoded.Reject} (400 with a specific reason, 505, 501),
 * malformed responses {@link Decoded.Drop}; no exception escapes. Not thread-safe: one per thread.
 */
public final class SipDecoder {
    private static final List<String> MANDATORY = List.of("Call-ID", "CSeq", "From", "To");

    private final StringMsgParser parser = new StringMsgParser();
    private final int maxHeaderBytes;

    public SipDecoder(int maxHeaderBytes) {
        this.maxHeaderBytes = maxHeaderBytes;
    }

    /** Decodes a whole datagram: framing by Content-Length, extra octets ignored (§18.3). */
    public Decoded decodeDatagram(byte[] data) {
        try {
            return frameDatagram(data);
        } catch (RuntimeException | StackOverflowError e) {
            return new Decoded.Drop("Undecodable datagram (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** Decodes a message already framed by the stream decoder; {@code framingError} is its framing fault. */
    public Decoded decodeFramed(byte[] message, String framingError) {
        try {
            if (framingError != null) {
                return RejectShell.answer(RawHead.of(message), Problem.badRequest(framingError), Map.of());
            }
            return decodeMessage(message);
        } catch (RuntimeException | StackOverflowError e) {
            return new Decoded.Drop("Undecodable message (" + e.getClass().getSimpleName() + ")");
        }
    }

    private Decoded frameDatagram(byte[] data) {
        int start = 0;
        while (start < data.length && (data[start] == '\r' || data[start] == '\n')) {
            start++;
        }
        if (start == data.length) {
            return new Decoded.KeepAlive(data.length >= 4);
        }
        Framing.Scan scan = Framing.scan(data, start, data.length, maxHeaderBytes);
        if (scan instanceof Framing.NeedMore) {
            // RFC 4475 baddn: a header section not closed by an empty line; parse what is there.
            return decodeMessage(slice(data, start, data.length));
        }
        if (scan instanceof Framing.Invalid invalid) {
            byte[] head = slice(data, start, Math.min(data.length, invalid.bodyStart()));
            return RejectShell.answer(RawHead.of(head), Problem.badRequest(invalid.reason()), Map.of());
        }
        Framing.Complete c = (Framing.Complete) scan;
        if (c.contentLength() > data.length - c.bodyStart()) {
            // RFC 3261 §18.3 and RFC 4475 §3.1.2.2: on UDP a Content-Length past the datagram is an error.
            byte[] head = slice(data, start, c.bodyStart());
            return RejectShell.answer(RawHead.of(head), Problem.badRequest("Content-Length larger than message"), Map.of());
        }
        int end = c.contentLength() < 0 ? data.length : c.bodyStart() + c.contentLength();
        return decodeMessage(slice(data, start, end));
    }

    private Decoded decodeMessage(byte[] message) {
        RawHead head = RawHead.of(message);
        if (head.isResponse()) {
            String bad = StartLineCheck.response(head.startLine);
            Problem p = bad == null ? HeaderCheck.check(head) : Problem.badRequest(bad);
            if (p != null) {
                return new Decoded.Drop("Malformed response: " + p.reason());
            }
        } else {
            Problem p = StartLineCheck.request(head.startLine);
            p = p != null ? p : HeaderCheck.check(head);
            if (p != null) {
                return RejectShell.answer(head, p, Map.of());
            }
        }
        int headEnd = Framing.headerEnd(message, 0, message.length);
        headEnd = headEnd < 0 ? message.length : headEnd;
        List<String> badHeaders = new ArrayList<>(2);
        SIPMessage msg;
        try {
            msg = parser.parseSIPMessage(Unfolding.unfold(message, headEnd), true, false, (ex, m, headerClass, headerText, messageText) -> {
                badHeaders.add(headerName(headerText));
                if (isCritical(headerClass)) {
                    throw ex;
                }
            });
        } catch (ParseException | RuntimeException e) {
            String reason = badHeaders.isEmpty() ? "Malformed message" : "Malformed " + badHeaders.get(0) + " header";
            return RejectShell.answer(head, Problem.badRequest(reason), Map.of());
        }
        if (msg != null && headEnd < message.length && head.values("Content-Length").isEmpty()) {
            // RFC 3261 §18.3 / RFC 4475 §3.4.1: without Content-Length a datagram's body runs to its end
            msg.setMessageContent(Arrays.copyOfRange(message, headEnd, message.length));
        }
        if (msg instanceof SIPResponse response) {
            return checkResponse(response);
        }
        if (msg instanceof SIPRequest request && request.getRequestLine() != null) {
            return checkRequest(request, head);
        }
        return new Decoded.Drop("Empty or unparseable message");
    }

    private static Decoded checkResponse(SIPResponse r) {
        if (r.getStatusLine() == null || r.getTopmostVia() == null || r.getCSeq() == null || r.getCallId() == null
                || r.getFrom() == null || r.getTo() == null) {
            return new Decoded.Drop("Response lacks a mandatory header");
        }
        return new Decoded.Message(r);
    }

    /** RFC 3261 §8.1.1 mandatory headers and §8.1.1.5 CSeq/method agreement (RFC 4475 §3.1.2.17-18, §3.3.1). */
    private static Decoded checkRequest(SIPRequest r, RawHead head) {
        if (r.getTopmostVia() == null) {
            return new Decoded.Drop("Request without Via");
        }
        List<String> missing = new ArrayList<>(4);
        for (String name : MANDATORY) {
            if (r.getHeader(name) == null) {
                missing.add(name);
            }
        }
        if (!missing.isEmpty()) {
            return RejectShell.answer(head, Problem.badRequest("Missing mandatory header: " + String.join(", ", missing)), Map.of());
        }
        // compared on the raw text: methods are case-sensitive (§7.1) and JAIN-SIP upper-cases CSeq's
        if (!r.getMethod().equals(HeaderCheck.cseqMethod(head.first("CSeq")))) {
            if (!KnownMethods.isKnown(r.getMethod())) {
                return RejectShell.answer(head, new Problem(501, "Not Implemented"), Map.of("Allow", KnownMethods.ALLOW));
            }
            return RejectShell.answer(head, Problem.badRequest("CSeq method does not match the request method"), Map.of());
        }
        return new Decoded.Message(r);
    }

    private static String headerName(String headerText) {
        if (headerText == null) {
            return "unknown";
        }
        int colon = headerText.indexOf(':');
        String name = (colon < 0 ? headerText : headerText.substring(0, colon)).strip();
        return name.length() > 32 || !Lexical.isToken(name) ? "unknown" : RawHead.canonical(name);
    }

    private static boolean isCritical(Class<?> headerClass) {
        return headerClass != null && (Via.class.isAssignableFrom(headerClass) || ViaList.class.isAssignableFrom(headerClass)
                || CSeq.class.isAssignableFrom(headerClass) || CallID.class.isAssignableFrom(headerClass)
                || From.class.isAssignableFrom(headerClass) || To.class.isAssignableFrom(headerClass));
    }

    private static byte[] slice(byte[] data, int from, int to) {
        if (from == 0 && to == data.length) {
            return data;
        }
        byte[] out = new byte[to - from];
        System.arraycopy(data, from, out, 0, out.length);
        return out;
    }
}
