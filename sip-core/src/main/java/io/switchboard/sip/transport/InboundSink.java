package io.switchboard.sip.transport;

/**
 * Receives framed message bytes on the network thread; it must hand off quickly (the SIP stack
 * finds the Call-ID and parses on the lane that owns the call).
 */
public interface InboundSink {
    /**
     * @param message the bytes of one datagram or one stream-framed message
     * @param framingError the stream framer's reason when framing failed, else null
     * @param datagram true for a whole UDP datagram (framing by Content-Length still to do)
     */
    void onMessage(byte[] message, String framingError, boolean datagram, Flow flow);
}
