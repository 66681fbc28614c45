package io.switchboard.sip.codec;

import gov.nist.javax.sip.header.ExtensionHeaderImpl;
import gov.nist.javax.sip.header.SIPHeader;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import gov.nist.javax.sip.parser.StringMsgParser;
import java.text.ParseException;
import java.util.Map;

/** Builds a UAS response to a refused request with the extra headers the RFC asks for (Allow, Unsupported, Accept). */
final class Responses {

    private Responses() {
    }

    /** RFC 3261 §8.2.6: a response copying the request's Via, From, To, Call-ID and CSeq, plus {@code headers}. */
    static SIPResponse build(SIPRequest request, int status, String reason, Map<String, String> headers) {
        SIPResponse response = request.createResponse(status, reason);
        headers.forEach((name, value) -> response.setHeader(header(name, value)));
        return response;
    }

    private static SIPHeader header(String name, String value) {
        try {
            SIPHeader h = StringMsgParser.parseSIPHeader(name + ": " + value);
            if (h != null) {
                return h;
            }
        } catch (ParseException | RuntimeException e) {
            // fall through: send it verbatim
        }
        ExtensionHeaderImpl raw = new ExtensionHeaderImpl(name);
        raw.setValue(value);
        return raw;
    }
}
