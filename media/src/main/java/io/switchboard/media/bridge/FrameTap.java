package io.switchboard.media.bridge;

import io.switchboard.media.codec.PcmFrame;

/**
 * Sees the decoded audio a leg sends us (for recording, later speech recognition). Called on the media
 * event loop that reads the leg's socket, so it must only hand the frame on (a queue, a lane), never block.
 */
@FunctionalInterface
public interface FrameTap {
    void onFrame(Side from, PcmFrame frame);
}
