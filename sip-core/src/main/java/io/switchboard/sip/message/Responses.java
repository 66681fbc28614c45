package io.switchboard.sip.message;

import gov.nist.javax.sip.header.To;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import io.switchboard.core.id.Ids;
import java.text.ParseException;

/** Builds responses to requests (RFC 3261 §8.2.6): headers copied, a To tag added to finals. */
public final class Responses {
    private Responses() {
    }

    public static SIPResponse create(SIPRequest request, int status) {
        return create(request, status, null, null);
    }

    /** {@code reason} null = the standard phrase; {@code toTag} null = a fresh tag when one is needed. */
    public static SIPResponse create(SIPRequest request, int status, String reason, String toTag) {
        SIPResponse r = reason == null ? request.createResponse(status) : request.createResponse(status, reason);
        return status > 100 ? withToTag(r, toTag) : r;
    }

    /** Adds a To tag to a final or provisional response that lacks one (§8.2.6.2). */
    public static SIPResponse withToTag(SIPResponse r, String toTag) {
        To to = (To) r.getTo();
        if (to != null && to.getTag() == null) {
            try {
                to.setTag(toTag != null ? toTag : Ids.token(10));
            } catch (ParseException e) {
                throw new IllegalStateException(e);
            }
        }
        return r;
    }

    /** Adds a header given as text (e.g. {@code "Allow: INVITE, ACK"}). */
    public static void add(SIPResponse response, String name, String value) {
        response.addHeader(name + ": " + value);
    }
}
