package io.switchboard.media.endpoint;

import io.switchboard.media.codec.PcmFrame;

/** Receives decoded 20 ms frames from a {@link MediaEndpoint}, on the endpoint's lane. */
@FunctionalInterface
public interface FrameListener {
    void onFrame(PcmFrame frame);
}
