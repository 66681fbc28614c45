package io.switchboard.sip.message;

import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import io.switchboard.sip.codec.KnownMethods;

/** RFC 3261 §8.2.1–8.2.3 checks applied before a request reaches the registrar or the B2BUA. */
public final class UasChecks {
    private UasChecks() {
    }

    /** The rejection to send, or null when the request may be processed. */
    public static SIPResponse check(SIPRequest req) {
        String method = req.getMethod();
        if ("ACK".equals(method)) {
            return null;
        }
        if (!KnownMethods.isKnown(method)) {
            SIPResponse r = Responses.create(req, 501);
            Responses.add(r, "Allow", KnownMethods.ALLOW);
            return r;
        }
        return null;
    }
}
