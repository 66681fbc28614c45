package io.switchboard.sip.codec;

import gov.nist.javax.sip.header.CSeq;
import gov.nist.javax.sip.header.CallID;
import gov.nist.javax.sip.header.From;
import gov.nist.javax.sip.header.SIPHeader;
import gov.nist.javax.sip.header.To;
import gov.nist.javax.sip.header.Via;
import gov.nist.javax.sip.header.ViaList;
import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import gov.nist.javax.sip.parser.StringMsgParser;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns the bytes of one framed SIP message into a {@link Decoded} (RFC 3261 §7, §8.2, §18.3 and
 * the RFC 4475 torture cases). Parsing uses JAIN-SIP's {@link StringMsgParser}; this class adds the
 * checks it lacks and builds the specific reason for a 400. Not thread-safe: one per thread.
 */
public final class SipDecoder {
    private static final long MAX_CSEQ = 0x7FFFFFFFL; // RFC 3261 §8.1.1.5: less than 2**31

    private final StringMsgParser parser = new StringMsgParser();
    private final int maxHeaderBytes;

    public SipDecoder(int maxHeaderBytes) {
        this.maxHeaderBytes = maxHeaderBytes;
    }

    /** Decodes a whole datagram: framing by Content-Length, extra octets ignored (§18.3). */
    public Decoded decodeDatagram(byte[] data) {
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
            return decodeFramed(slice(data, start, data.length), null);
        }
        if (scan instanceof Framing.Invalid invalid) {
            return rejectOrDrop(slice(data, start, Math.min(data.length, invalid.bodyStart())), invalid.reason());
        }
        Framing.Complete c = (Framing.Complete) scan;
        int available = data.length - c.bodyStart();
        if (c.contentLength() > available) {
            return rejectOrDrop(slice(data, start, c.bodyStart()), "Content-Length larger than message");
        }
        int end = c.contentLength() < 0 ? data.length : c.bodyStart() + c.contentLength();
        return decodeFramed(slice(data, start, end), null);
    }

    /** Decodes a message already framed by the stream decoder. */
    public Decoded decodeFramed(byte[] message, String framingError) {
        if (framingError != null) {
            return rejectOrDrop(message, framingError);
        }
        List<String> badHeaders = new ArrayList<>(2);
        SIPMessage msg;
        try {
            msg = parser.parseSIPMessage(message, true, false, (ex, m, headerClass, headerText, messageText) -> {
                badHeaders.add(headerName(headerText));
                if (isCritical(headerClass)) {
                    throw ex;
                }
            });
        } catch (ParseException | RuntimeException e) {
            String reason = badHeaders.isEmpty() ? firstLineProblem(message) : "Malformed " + badHeaders.get(0) + " header";
            return rejectOrDrop(message, reason);
        }
        if (msg == null) {
            return new Decoded.Drop("empty message");
        }
        if (msg instanceof SIPResponse response) {
            return checkResponse(response, badHeaders);
        }
        return checkRequest((SIPRequest) msg, badHeaders);
    }

    private Decoded checkResponse(SIPResponse r, List<String> badHeaders) {
        if (r.getStatusCode() < 100 || r.getStatusCode() > 699) {
            return new Decoded.Drop("status code out of range");
        }
        if (r.getTopmostVia() == null || r.getCSeq() == null || r.getCallId() == null || r.getFrom() == null || r.getTo() == null) {
            return new Decoded.Drop("response lacks a mandatory header");
        }
        if (!badHeaders.isEmpty() && badHeaders.stream().anyMatch(SipDecoder::isCriticalName)) {
            return new Decoded.Drop("response has a malformed " + badHeaders.get(0) + " header");
        }
        if (r.getCSeq().getSeqNumber() > MAX_CSEQ) {
            return new Decoded.Drop("response CSeq out of range");
        }
        return new Decoded.Message(r);
    }

    private Decoded checkRequest(SIPRequest r, List<String> badHeaders) {
        String version = r.getRequestLine() == null ? null : r.getRequestLine().getSipVersion();
        if (r.getTopmostVia() == null) {
            return new Decoded.Drop("request without Via");
        }
        for (String required : List.of("From", "To", "Call-ID", "CSeq")) {
            if (r.getHeader(required) == null) {
                return new Decoded.Reject(r, 400, "Missing " + required + " header");
            }
        }
        if (version != null && !version.equalsIgnoreCase("SIP/2.0")) {
            return new Decoded.Reject(r, 505, "Version Not Supported");
        }
        for (String bad : badHeaders) {
            if (isCriticalName(bad)) {
                return new Decoded.Reject(r, 400, "Malformed " + bad + " header");
            }
        }
        CSeq cseq = (CSeq) r.getCSeq();
        if (cseq.getSeqNumber() > MAX_CSEQ) {
            return new Decoded.Reject(r, 400, "CSeq number out of range");
        }
        if (!cseq.getMethod().equals(r.getMethod())) {
            if (!KnownMethods.isKnown(r.getMethod())) {
                return new Decoded.Reject(r, 501, "Not Implemented");
            }
            return new Decoded.Reject(r, 400, "CSeq method does not match request method");
        }
        if (r.getMaxForwards() != null && r.getMaxForwards().getMaxForwards() > 255) {
            return new Decoded.Reject(r, 400, "Max-Forwards out of range");
        }
        if (!badHeaders.isEmpty()) {
            // A non-critical header we could not parse was skipped; the message is usable.
            return new Decoded.Message(r);
        }
        return new Decoded.Message(r);
    }

    /** Builds a shell request from whatever headers parse, to answer a message the parser refused. */
    private Decoded rejectOrDrop(byte[] message, String reason) {
        String text = new String(message, StandardCharsets.UTF_8);
        String[] lines = unfold(text);
        if (lines.length == 0 || lines[0].startsWith("SIP/")) {
            return new Decoded.Drop(reason);
        }
        SIPRequest shell = new SIPRequest();
        boolean via = false;
        boolean callId = false;
        boolean cseq = false;
        boolean from = false;
        boolean to = false;
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            if (line.isEmpty()) {
                break;
            }
            String name = headerName(line).toLowerCase(Locale.ROOT);
            if (!List.of("via", "v", "from", "f", "to", "t", "call-id", "i", "cseq").contains(name)) {
                continue;
            }
            try {
                SIPHeader h = StringMsgParser.parseSIPHeader(line);
                if (h instanceof ViaList list && !via) {
                    shell.setHeader(list);
                    via = true;
                } else if (h instanceof Via v && !via) {
                    shell.setHeader(v);
                    via = true;
                } else if (h instanceof CallID c && !callId) {
                    shell.setHeader(c);
                    callId = true;
                } else if (h instanceof CSeq c && !cseq) {
                    shell.setHeader(c);
                    cseq = true;
                } else if (h instanceof From f && !from) {
                    shell.setHeader(f);
                    from = true;
                } else if (h instanceof To t && !to) {
                    shell.setHeader(t);
                    to = true;
                }
            } catch (ParseException | RuntimeException e) {
                // this header is broken too; answer without it if the rest is enough
            }
        }
        if (!via || !callId || !cseq || !from || !to) {
            return new Decoded.Drop(reason);
        }
        return new Decoded.Reject(shell, 400, reason);
    }

    private static String[] unfold(String text) {
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            end = text.indexOf("\n\n");
        }
        String head = end < 0 ? text : text.substring(0, end);
        return head.replaceAll("\r?\n[ \t]+", " ").split("\r?\n");
    }

    private static String firstLineProblem(byte[] message) {
        String text = new String(message, 0, Math.min(message.length, 512), StandardCharsets.UTF_8);
        int nl = text.indexOf('\n');
        String first = (nl < 0 ? text : text.substring(0, nl)).replace("\r", "");
        if (first.endsWith(" ") || first.contains("  ")) {
            return "Malformed Request-Line (extra spaces)";
        }
        String[] parts = first.split(" ");
        if (parts.length != 3) {
            return "Malformed Request-Line";
        }
        if (parts[1].startsWith("<")) {
            return "Request-URI must not be enclosed in <>";
        }
        return "Malformed Request-Line";
    }

    private static String headerName(String headerText) {
        if (headerText == null) {
            return "unknown";
        }
        int colon = headerText.indexOf(':');
        return (colon < 0 ? headerText : headerText.substring(0, colon)).trim();
    }

    private static boolean isCritical(Class<?> headerClass) {
        return headerClass != null && (Via.class.isAssignableFrom(headerClass) || ViaList.class.isAssignableFrom(headerClass)
                || CSeq.class.isAssignableFrom(headerClass) || CallID.class.isAssignableFrom(headerClass)
                || From.class.isAssignableFrom(headerClass) || To.class.isAssignableFrom(headerClass));
    }

    private static boolean isCriticalName(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "via", "v", "from", "f", "to", "t", "call-id", "i", "cseq", "content-length", "l", "max-forwards",
                 "contact", "m" -> true;
            default -> false;
        };
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
