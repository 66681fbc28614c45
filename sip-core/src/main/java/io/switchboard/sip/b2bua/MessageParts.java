package io.switchboard.sip.b2bua;

import gov.nist.javax.sip.address.AddressImpl;
import gov.nist.javax.sip.header.ContentType;
import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPResponse;
import java.text.ParseException;
import javax.sip.header.ContentTypeHeader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Small pieces of SIP text the B2BUA copies from one leg to the other. */
final class MessageParts {
    private static final Logger log = LoggerFactory.getLogger(MessageParts.class);

    private MessageParts() {
    }

    /** The URI inside a name-addr ({@code "x" <sip:a@b>;p} → {@code sip:a@b}). */
    static String stripBrackets(String nameAddr) {
        int lt = nameAddr.indexOf('<');
        int gt = nameAddr.indexOf('>');
        return lt >= 0 && gt > lt ? nameAddr.substring(lt + 1, gt) : nameAddr;
    }

    /** An address as name-addr text, without header parameters (no tag). */
    static String nameAddr(javax.sip.address.Address address) {
        return ((AddressImpl) address).encode();
    }

    /** A display name as a quoted-string (RFC 3261 §25.1). */
    static String quote(String display) {
        return "\"" + display.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** The Content-Type value of {@code m}, or null. */
    static String contentType(SIPMessage m) {
        if (m.getContentTypeHeader() == null) {
            return null;
        }
        String v = m.getContentTypeHeader().toString();
        int colon = v.indexOf(':');
        return v.substring(colon + 1).trim();
    }

    /** Copies the body and its Content-Type of {@code from} into {@code to} (SDP passes through unchanged). */
    static void copyBody(SIPResponse from, SIPResponse to) {
        byte[] body = from.getRawContent();
        if (body == null || body.length == 0 || from.getContentTypeHeader() == null) {
            return;
        }
        try {
            to.setContent(body, from.getContentTypeHeader());
        } catch (ParseException e) {
            log.debug("cannot copy body: {}", e.getMessage());
        }
    }

    /** The body of {@code m} when it is a session description ({@code application/sdp}), else null. */
    static byte[] sdp(SIPMessage m) {
        byte[] body = m.getRawContent();
        if (body == null || body.length == 0 || m.getContentTypeHeader() == null) {
            return null;
        }
        ContentTypeHeader ct = m.getContentTypeHeader();
        return "application".equalsIgnoreCase(ct.getContentType()) && "sdp".equalsIgnoreCase(ct.getContentSubType()) ? body : null;
    }

    /** Sets an SDP body on {@code to} (nothing when {@code sdp} is null). */
    static void setSdp(SIPResponse to, byte[] sdp) {
        if (sdp == null) {
            return;
        }
        try {
            to.setContent(sdp, new ContentType("application", "sdp"));
        } catch (ParseException e) {
            throw new IllegalStateException("cannot set an SDP body", e);
        }
    }
}
