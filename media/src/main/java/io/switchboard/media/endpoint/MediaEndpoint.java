package io.switchboard.media.endpoint;

import io.switchboard.media.codec.PcmFrame;

/**
 * Anything that sends and receives 20 ms audio frames: an RTP session, later a device WebSocket or a
 * test sink (ARCHITECTURE.md, "media / endpoint"). Bridges, playback, recording and speech are written
 * against this interface so they never care what is on the other end.
 *
 * <p>Threading: an endpoint belongs to one lane. {@link #send} is called on that lane, and frames are
 * delivered to the {@link FrameListener} on that lane.
 */
public interface MediaEndpoint extends AutoCloseable {

    /** Sends one 20 ms frame towards the far end (encoded as the endpoint's current codec). */
    void send(PcmFrame frame);

    /** Where received frames go, on the endpoint's lane; {@code null} stops delivery. */
    void setFrameListener(FrameListener listener);

    /** Stops sending and receiving and frees the endpoint's resources; calling it twice does nothing. */
    @Override
    void close();
}
