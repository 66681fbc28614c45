package io.switchboard.sip.codec;

import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import java.util.Map;

/** What the decoder made of some bytes: a message, a request to reject with a reason, or nothing. */
public sealed interface Decoded {

    /** A well-formed message, ready for the transaction layer. */
    record Message(SIPMessage message) implements Decoded { }

    /**
     * A request we can answer but must not process: {@code shell} holds enough headers (Via, From,
     * To, Call-ID, CSeq) to address the response; {@code headers} are added to it (e.g. {@code Allow}
     * on a 501, RFC 3261 §21.5.2). Headers the parser refused are echoed verbatim in the shell.
     */
    record Reject(SIPRequest shell, int status, String reason, Map<String, String> headers) implements Decoded {
        public Reject {
            headers = Map.copyOf(headers);
        }

        public Reject(SIPRequest shell, int status, String reason) {
            this(shell, status, reason, Map.of());
        }

        /** The response to send: status, reason and extra headers on a copy of the shell's headers. */
        public SIPResponse toResponse() {
            return Responses.build(shell, status, reason, headers);
        }
    }

    /** Bytes that cannot be answered (a broken response, no Via to answer to): dropped and counted. */
    record Drop(String reason) implements Decoded { }

    /** A keep-alive (RFC 5626 §3.5.1 CRLF ping): nothing to process. */
    record KeepAlive(boolean ping) implements Decoded { }
}
