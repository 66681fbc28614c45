package io.switchboard.media.play;

import io.switchboard.media.codec.PcmFrame;
import io.switchboard.media.endpoint.FrameListener;
import io.switchboard.media.endpoint.MediaEndpoint;
import java.util.ArrayList;
import java.util.List;

/** A real endpoint for tests: it keeps every frame sent to it. */
final class CollectingEndpoint implements MediaEndpoint {
    final List<PcmFrame> sent = new ArrayList<>();
    boolean closed;

    @Override
    public void send(PcmFrame frame) {
        sent.add(frame);
    }

    @Override
    public void setFrameListener(FrameListener listener) {
    }

    @Override
    public void close() {
        closed = true;
    }
}
