package io.switchboard.sip.codec;

import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;

/** What the decoder made of some bytes: a message, a request to reject with a reason, or nothing. */
public sealed interface Decoded {

    /** A well-formed message, ready for the transaction layer. */
    record Message(SIPMessage message) implements Decoded { }

    /**
     * A request we can answer but must not process: {@code shell} holds enough headers (Via, From,
     * To, Call-ID, CSeq) to address the response.
     */
    record Reject(SIPRequest shell, int status, String reason) implements Decoded { }

    /** Bytes that cannot be answered (a broken response, no Via to answer to): dropped and counted. */
    record Drop(String reason) implements Decoded { }

    /** A keep-alive (RFC 5626 §3.5.1 CRLF ping): nothing to process. */
    record KeepAlive(boolean ping) implements Decoded { }
}
