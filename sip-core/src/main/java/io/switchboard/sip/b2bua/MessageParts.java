package io.switchboard.sip.b2bua;

import gov.nist.javax.sip.address.AddressImpl;
import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPResponse;
import java.text.ParseException;
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
}
