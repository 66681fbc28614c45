package io.switchboard.sip.codec;

/**
 * Why a message is refused: the status to answer with (400, 505…) and a reason phrase that names
 * the problem so the peer's developer can find it (RFC 3261 §21.4.1 allows any phrase).
 */
record Problem(int status, String reason) {

    static Problem badRequest(String reason) {
        return new Problem(400, reason);
    }
}
