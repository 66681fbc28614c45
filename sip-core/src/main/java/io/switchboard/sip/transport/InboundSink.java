package io.switchboard.sip.transport;

import io.switchboard.sip.codec.Decoded;

/** Receives what the listeners decoded, on the network thread: must hand off quickly. */
public interface InboundSink {
    void onDecoded(Decoded decoded, Flow flow);
}
